import { aeColumns } from '../feeds/ae/format.js';
import { msitaeHeader, nhsrHeader } from '../feeds/ae-monthly/format.js';
import { dischargeColumns } from '../feeds/discharge/format.js';
import type { FeedName } from '../feeds/feed.js';
import { sitrepColumns } from '../feeds/sitrep/format.js';

const csvFeeds: Array<[FeedName, readonly string[]]> = [
  ['ae', aeColumns],
  ['sitrep', sitrepColumns],
  ['discharge', dischargeColumns],
  ['ae-monthly', msitaeHeader],
  ['ae-monthly', nhsrHeader],
];

/**
 * The feed a file belongs to, told from its first bytes: HL7 v2 (MSH, MLLP-framed or not) is
 * ADT; a CSV whose header starts with a feed's first columns is that feed. Undefined when the
 * content matches no feed (a spreadsheet, another publication's CSV).
 */
export function detectFeed(bytes: Uint8Array): FeedName | undefined {
  let head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (head.startsWith('\u00ef\u00bb\u00bf')) head = head.slice(3);
  // An MLLP start block (0x0B) may precede a framed message.
  head = head.replace(String.fromCharCode(0x0b), '').trimStart();
  if (head.startsWith('MSH|')) return 'adt';
  const header = head.split(/\r?\n/, 1)[0] ?? '';
  const cells = header.split(',').map((cell) => cell.replace(/^"|"$/g, '').trim());
  for (const [feed, columns] of csvFeeds) {
    if (columns.slice(0, 3).every((column, i) => cells[i] === column)) return feed;
  }
  return undefined;
}
