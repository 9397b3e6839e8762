import type { FeedName } from '../feeds/feed.js';
import type { FeedSink } from './feed-sink.js';

interface Held {
  feed: FeedName;
  name: string;
  content: string | Buffer;
  at: number;
  seq: number;
}

/**
 * Holds each file until the instant it is complete, so a live feed never writes a file that
 * describes time the wall clock has not reached. Files complete at or before `releasedTo`
 * were written by an earlier run and are dropped.
 */
export function createReleaseSink(target: FeedSink, releasedTo: number) {
  let held: Held[] = [];
  let seq = 0;
  let upTo = releasedTo;
  const sink: FeedSink = {
    write(feed, name, content, at) {
      if (at === undefined) throw new Error(`a live file needs its completion time: ${name}`);
      if (at <= upTo) return;
      held.push({ feed, name, content, at, seq: seq++ });
    },
  };
  return {
    sink,
    /** Writes every held file complete by `until`, in time order; returns how many. */
    release(until: number): number {
      const due = held.filter((file) => file.at <= until);
      if (due.length > 0) {
        held = held.filter((file) => file.at > until);
        due.sort((a, b) => a.at - b.at || a.seq - b.seq);
        for (const file of due) target.write(file.feed, file.name, file.content, file.at);
      }
      upTo = Math.max(upTo, until);
      return due.length;
    },
    /** The earliest instant a held file becomes complete. */
    nextAt: (): number | undefined =>
      held.length === 0 ? undefined : Math.min(...held.map((file) => file.at)),
    /** Every file complete by this instant has been written. */
    releasedTo: (): number => upTo,
  };
}
