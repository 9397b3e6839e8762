import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedName } from '../feeds/feed.js';

/** Where the simulator's feed files go. */
export interface FeedSink {
  /**
   * Writes one whole file of `feed` named `name` (readers never see half a file).
   * `completeAt` (UTC ms) is the instant the file describes: no time in it is later, so a live
   * feed may not release it before then.
   */
  write(feed: FeedName, name: string, content: string | Buffer, completeAt?: number): void;
}

export interface FileSinkStats {
  files: number;
  bytes: number;
}

/**
 * Writes feed files under `<out>/<feed>/`: each to a dot-named temp file in the same folder,
 * then renamed into place, so a reader polling the inbox sees only complete files.
 */
export function createFileSink(out: string): FeedSink & { stats: FileSinkStats } {
  const made = new Set<string>();
  const stats: FileSinkStats = { files: 0, bytes: 0 };
  return {
    stats,
    write(feed, name, content) {
      const dir = join(out, feed);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const temp = join(dir, `.${name}.tmp`);
      writeFileSync(temp, content);
      renameSync(temp, join(dir, name));
      stats.files++;
      stats.bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    },
  };
}
