import type { FeedName } from '../feeds/feed.js';
import type { FeedSink } from './feed-sink.js';

const batchedFeeds = new Set<FeedName>(['ae', 'adt']);
const hourStamp = /-(\d{8})T\d{2}\.(csv|hl7)$/;

/**
 * Gathers the hourly A&E and ADT files of each local day into one file per feed and day, as a
 * backfill extract would arrive: `ae-<YYYYMMDD>.csv` keeps the last record of each attendance
 * that day (a patient still in the department is superseded by the completed record), and
 * `adt-<YYYYMMDD>.hl7` keeps every message in event order. Other feeds pass through. The
 * simulation writes in time order, so a day is complete when the next one starts.
 */
export function createDailyBatchSink(sink: FeedSink): FeedSink & { flush(): void } {
  let day: string | undefined;
  let aeHeader = '';
  const aeRows = new Map<string, string>();
  const adtMessages: string[] = [];

  const flush = () => {
    if (day === undefined) return;
    if (aeRows.size > 0)
      sink.write('ae', `ae-${day}.csv`, aeHeader + [...aeRows.values()].join(''));
    if (adtMessages.length > 0) sink.write('adt', `adt-${day}.hl7`, adtMessages.join(''));
    aeRows.clear();
    adtMessages.length = 0;
    day = undefined;
  };

  return {
    write(feed, name, content) {
      const match = hourStamp.exec(name);
      if (!batchedFeeds.has(feed) || match === null) {
        sink.write(feed, name, content);
        return;
      }
      if (match[1] !== day) {
        flush();
        day = match[1];
      }
      const text = typeof content === 'string' ? content : content.toString('utf8');
      if (feed === 'adt') {
        adtMessages.push(text);
        return;
      }
      const headerEnd = text.indexOf('\n') + 1;
      aeHeader = text.slice(0, headerEnd);
      for (const line of text.slice(headerEnd).split(/(?<=\n)/)) {
        if (line.trim() === '') continue;
        aeRows.delete(line.slice(0, line.indexOf(',')));
        aeRows.set(line.slice(0, line.indexOf(',')), line);
      }
    },
    flush,
  };
}
