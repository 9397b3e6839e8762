import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { feedNames, type FeedName } from '../feeds/feed.js';
import { feedRegistry } from './feeds.js';
import { ingestBytes, type IngestEffects, type IngestResult } from './ingest-bytes.js';

export interface InboxOptions {
  /** Only these feeds' folders (default: every feed with a loader). */
  feeds?: readonly FeedName[];
  /** Checked before each file: true leaves the rest for the next pass (a stopping service). */
  shouldStop?: () => boolean;
  /** Called after each file with the files done and the files claimed at the start. */
  onFile?: (done: number, total: number) => void;
}

/**
 * Claims every file in `<inboxDir>/<feed>/` (oldest first by name; the feed comes from the
 * folder) and loads each with ingestBytes. After the load commits, a file moves to
 * `<inboxDir>/.done/<feed>/` (loaded, or bytes already in the ledger) or `.failed/<feed>/`.
 * A crash between commit and move is harmless: the ledger skips the same bytes next time.
 * Dotfiles and names ending .tmp or .part (files still being written) are left alone.
 */
export async function ingestInbox(
  inboxDir: string,
  effects: IngestEffects,
  options: InboxOptions = {},
): Promise<IngestResult[]> {
  const feeds = options.feeds ?? feedNames.filter((name) => loaderExists(name, effects));
  const results: IngestResult[] = [];
  const claimed: Array<{ feed: FeedName; name: string }> = [];
  for (const feed of feeds) {
    const folder = join(inboxDir, feed);
    if (!existsSync(folder)) continue;
    for (const name of await claimableFiles(folder)) claimed.push({ feed, name });
  }
  for (const { feed, name } of claimed) {
    if (options.shouldStop?.()) break;
    const path = join(inboxDir, feed, name);
    const bytes = await readIfThere(path);
    // Another pass (the schedule during a backlog load) took the file meanwhile.
    if (bytes === undefined) continue;
    const result = await ingestBytes(feed, name, bytes, effects);
    results.push(result);
    const outcome =
      result.status === 'failed' || result.errorCode !== undefined ? '.failed' : '.done';
    await moveAside(path, join(inboxDir, outcome, feed), name);
    options.onFile?.(results.length, claimed.length);
  }
  return results;
}

function loaderExists(name: FeedName, effects: IngestEffects): boolean {
  return (effects.feeds ?? feedRegistry)[name] !== undefined;
}

async function claimableFiles(folder: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    if (['.tmp', '.part'].includes(extname(entry.name).toLowerCase())) continue;
    names.push(entry.name);
  }
  return names.sort();
}

async function moveAside(path: string, folder: string, name: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  let target = join(folder, name);
  for (let n = 2; await exists(target); n++) target = join(folder, `${name}.${n}`);
  try {
    await rename(path, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function readIfThere(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
