import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { feedNames, type FeedName } from '../feeds/feed.js';
import { detectFeed } from '../ingest/index.js';

export interface FileToIngest {
  path: string;
  feed: FeedName;
}

export interface CollectedFiles {
  files: FileToIngest[];
  /** Files in a folder of mixed content that match no feed (left out, and said so). */
  skipped: string[];
}

/**
 * Expands the command line's paths: a file; a feed folder (`…/ae/`: its files, oldest name
 * first); an inbox holding feed folders; or any other folder, whose files are told apart by
 * their content (detectFeed). The feed is `feed` when given, else the folder name, else the
 * content. Dotfiles and .tmp/.part files are left out.
 */
export function collectFiles(paths: readonly string[], feed: FeedName | undefined): CollectedFiles {
  const out: FileToIngest[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) throw new Error(`no such file or folder: ${path}`);
    if (stats.isFile()) {
      const detected = feed ?? feedOfFolder(path) ?? detectFeed(readHead(path));
      if (!detected) {
        throw new Error(
          `cannot tell the feed of ${path}: its folder is not named after a feed (${feedNames.join(', ')}) and its header matches none; give --feed`,
        );
      }
      out.push({ path, feed: detected });
      continue;
    }
    const name = basename(path);
    const isFeedFolder = (feedNames as readonly string[]).includes(name);
    if (feed || isFeedFolder) {
      for (const file of filesIn(path)) out.push({ path: file, feed: feed ?? (name as FeedName) });
      continue;
    }
    const feedFolders = feedNames.filter((f) =>
      statSync(join(path, f), { throwIfNoEntry: false })?.isDirectory(),
    );
    if (feedFolders.length === 0) {
      const before = out.length;
      for (const file of filesIn(path)) {
        const detected = detectFeed(readHead(file));
        if (detected) out.push({ path: file, feed: detected });
        else skipped.push(file);
      }
      if (out.length === before) {
        throw new Error(
          `${path} holds no feed files: neither feed folders (${feedNames.join(', ')}) nor files whose header matches a feed; give --feed`,
        );
      }
      continue;
    }
    for (const f of feedFolders)
      for (const file of filesIn(join(path, f))) out.push({ path: file, feed: f });
  }
  return { files: out, skipped };
}

function feedOfFolder(path: string): FeedName | undefined {
  const folder = basename(join(path, '..'));
  return (feedNames as readonly string[]).includes(folder) ? (folder as FeedName) : undefined;
}

function readHead(path: string): Uint8Array {
  const buffer = Buffer.alloc(4096);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(tmp|part)$/i.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => join(folder, name));
}
