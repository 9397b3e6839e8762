import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { feedNames, type FeedName } from '../feeds/feed.js';
import { feedFromPath } from '../ingest/index.js';

export interface FileToIngest {
  path: string;
  feed: FeedName;
}

/**
 * Expands the command line's paths: a file; a feed folder (`…/ae/`: its files, oldest name
 * first); or an inbox holding feed folders. The feed is `feed` when given, else the folder name.
 * Dotfiles and .tmp/.part files are left out.
 */
export function collectFiles(paths: readonly string[], feed: FeedName | undefined): FileToIngest[] {
  const out: FileToIngest[] = [];
  for (const path of paths) {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) throw new Error(`no such file or folder: ${path}`);
    if (stats.isFile()) {
      out.push({ path, feed: feed ?? feedFromPath(path) });
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
      throw new Error(
        `${path} is neither a feed folder (${feedNames.join(', ')}) nor holds one; give --feed`,
      );
    }
    for (const f of feedFolders)
      for (const file of filesIn(join(path, f))) out.push({ path: file, feed: f });
  }
  return out;
}

function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(tmp|part)$/i.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => join(folder, name));
}
