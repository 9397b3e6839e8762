import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { feedNames, type FeedName } from '../feeds/feed.js';
import {
  ingestBytes,
  type IngestEffects,
  type IngestOptions,
  type IngestResult,
} from './ingest-bytes.js';

/**
 * Loads one file from disk (see ingestBytes). The feed is `feed`, or else the name of the
 * folder holding the file (`…/inbox/ae/x.csv` → 'ae'). The ledger name is the file's base name.
 */
export async function ingestFile(
  path: string,
  feed: FeedName | undefined,
  effects: IngestEffects,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const name = feed ?? feedFromPath(path);
  const bytes = await readFile(path);
  return ingestBytes(name, basename(path), bytes, effects, options);
}

/** The feed named by the folder holding `path`; throws a message naming the feeds. */
export function feedFromPath(path: string): FeedName {
  const folder = basename(dirname(path));
  if ((feedNames as readonly string[]).includes(folder)) return folder as FeedName;
  throw new Error(
    `cannot tell the feed of ${path} from its folder '${folder}': put it in a folder named ${feedNames.join(', ')}, or give --feed`,
  );
}
