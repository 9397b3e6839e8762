import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { feedRegistry } from './feeds.js';

/**
 * Copies the published files the project ships (`publishedDir/<feed>/<file>`) into the inbox
 * (`inboxDir/<feed>/`), where the first load picks them up like any delivered file. Folders
 * that are not a feed are ignored. Returns the number of files staged. The ledger keys files
 * by content, so staging the same file twice never loads it twice.
 */
export function stagePublished(publishedDir: string, inboxDir: string): number {
  if (!existsSync(publishedDir)) return 0;
  const feeds = new Set<string>(Object.keys(feedRegistry));
  let staged = 0;
  for (const entry of readdirSync(publishedDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !feeds.has(entry.name)) continue;
    const files = readdirSync(join(publishedDir, entry.name)).filter((f) => !f.startsWith('.'));
    if (files.length === 0) continue;
    mkdirSync(join(inboxDir, entry.name), { recursive: true });
    for (const file of files) {
      copyFileSync(join(publishedDir, entry.name, file), join(inboxDir, entry.name, file));
      staged++;
    }
  }
  return staged;
}
