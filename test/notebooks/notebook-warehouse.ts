import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../pipelines/feeds/feed.js';
import { dischargeFeed } from '../../pipelines/feeds/discharge/index.js';
import { sitrepFeed } from '../../pipelines/feeds/sitrep/index.js';
import { feedRegistry, loadPseudonymKey } from '../../pipelines/ingest/index.js';
import { createWriter } from '../../pipelines/writer/index.js';
import { simulate } from '../../pipelines/simulate/index.js';
import { openWarehouse, seedReference, type Warehouse } from '../../pipelines/warehouse/index.js';

const projectRoot = join(import.meta.dirname, '..', '..');
const realMonthly = join(projectRoot, 'data', 'published', 'ae-monthly');

export const quietLog: Logger = { info() {}, warn() {}, error() {} };

/**
 * A small warehouse the notebooks can be built from: `days` of the synthetic ICS (ending
 * 2025-06-30, with its ward stays) and NHS England's ten real monthly A&E files, ingested and
 * refreshed.
 * `dir` receives the inbox, the lake and (when `file` is true) the .duckdb file.
 */
export async function notebookWarehouse(
  dir: string,
  options: { days?: number; file?: boolean } = {},
): Promise<Warehouse> {
  const days = options.days ?? 10;
  const now = () => new Date('2025-07-01T09:00:00Z');
  const inbox = join(dir, 'inbox');
  const referenceDir = join(projectRoot, 'data', 'reference');
  simulate(
    {
      days,
      seed: 7,
      out: inbox,
      start: '2025-06-' + String(31 - days).padStart(2, '0'),
      referenceDir,
      warmupDays: 14,
      batch: 'day',
    },
    { clock: { now }, log: quietLog },
  );
  mergeFiles(join(inbox, 'ae'), 'ae-all.csv');
  mkdirSync(join(inbox, 'ae-monthly'), { recursive: true });
  for (const name of readdirSync(realMonthly).filter((n) => n.startsWith('Monthly-AE-')))
    cpSync(join(realMonthly, name), join(inbox, 'ae-monthly', name));
  const warehouse = await openWarehouse(
    options.file ? join(dir, 'observatory.duckdb') : ':memory:',
  );
  await seedReference(warehouse.connection, referenceDir);
  // The service's writer: the history loads with the refresh held, then one full rebuild.
  const writer = await createWriter({
    warehouse,
    log: quietLog,
    now,
    pseudonymKeyHex: loadPseudonymKey({ secretsDir: join(dir, 'secrets') }),
    tmpDir: join(dir, 'tmp'),
    // The sitrep and discharge loaders exist but are not yet in the engine's registry.
    feeds: { ...feedRegistry, sitrep: sitrepFeed, discharge: dischargeFeed },
  });
  // ADT (one file a day): the ward state the what-if notebook's scenario starts from.
  await writer.loadBacklog(inbox, { feeds: ['ae', 'adt', 'sitrep', 'discharge', 'ae-monthly'] });
  await writer.close();
  return warehouse;
}

/** The simulator writes one A&E file per site and hour; one file with one header loads far faster. */
function mergeFiles(dir: string, name: string): void {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.csv'))
    .sort();
  const lines: string[] = [];
  for (const [i, file] of files.entries()) {
    const rows = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    lines.push(...(i === 0 ? rows : rows.slice(1)));
    rmSync(join(dir, file));
  }
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
}
