import { join } from 'node:path';
import type { Logger } from '../pipelines/feeds/feed.js';
import { quiet } from './quiet-log.js';

/** Builds the notebook pages into notebooks/dist (served at /notebooks/; they read the API). */
export async function buildServedNotebooks(
  root: string,
  log: Logger,
  now: () => Date,
): Promise<{ files: number; rowsIn: number; detail: string }> {
  const { buildNotebooks } = await import('../notebooks/index.js');
  const result = await buildNotebooks({ root, outDir: join(root, 'dist'), log: quiet(log), now });
  log.info('notebooks built', { notebooks: result.notebooks.length, ms: Math.round(result.ms) });
  return {
    files: result.notebooks.length,
    rowsIn: 0,
    detail: 'pages only; data read from the API',
  };
}
