import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../pipelines/feeds/feed.js';
import { loadPseudonymKey } from '../../../pipelines/ingest/index.js';
import { createWriter } from '../../../pipelines/writer/index.js';
import { simulate } from '../../../pipelines/simulate/index.js';
import {
  openWarehouse,
  seedReference,
  type Warehouse,
} from '../../../pipelines/warehouse/index.js';

const projectRoot = join(import.meta.dirname, '..', '..', '..');
const realMonthly = join(projectRoot, 'data', 'published', 'ae-monthly');

export const quietLog: Logger = { info() {}, warn() {}, error() {} };

/** The data clock of the test warehouse: the morning after its last simulated day. */
export const reportNow = new Date('2025-06-30T06:30:00Z');

/**
 * An in-memory warehouse for the report tests: nine days of the synthetic ICS (22–29 June
 * 2025, so the brief of 30 June has its day before and same day last week), ingested (A&E,
 * sitrep, discharge) and refreshed with forecasts, plus NHS England's published monthly A&E
 * files for March–May 2025.
 */
export async function reportWarehouse(dir: string): Promise<Warehouse> {
  const inbox = join(dir, 'inbox');
  const referenceDir = join(projectRoot, 'data', 'reference');
  const now = () => reportNow;
  simulate(
    { days: 8, seed: 11, out: inbox, start: '2025-06-22', referenceDir, warmupDays: 3 },
    { clock: { now }, log: quietLog },
  );
  mergeHourlyFiles(join(inbox, 'ae'));
  mkdirSync(join(inbox, 'ae-monthly'), { recursive: true });
  for (const name of readdirSync(realMonthly).filter((n) =>
    /Monthly-AE-(March|April|May)-2025/.test(n),
  ))
    cpSync(join(realMonthly, name), join(inbox, 'ae-monthly', name));
  const warehouse = await openWarehouse(':memory:');
  await seedReference(warehouse.connection, referenceDir);
  // The service's writer: the history loads with the refresh held, then one full rebuild.
  const writer = await createWriter({
    warehouse,
    log: quietLog,
    now,
    pseudonymKeyHex: loadPseudonymKey({ secretsDir: join(dir, 'secrets') }),
    tmpDir: join(dir, 'tmp'),
  });
  await writer.loadBacklog(inbox, { feeds: ['ae', 'sitrep', 'discharge', 'ae-monthly'] });
  await writer.close();
  return warehouse;
}

/**
 * One A&E file per site instead of one per site-hour, in time order: the feed loads two
 * versions of a key in one file as it does across files (the later current), and a few files
 * load in seconds where two thousand take minutes.
 */
function mergeHourlyFiles(folder: string): void {
  const bySite = new Map<string, string[]>();
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.csv'))
    .sort()) {
    const site = name.slice(0, name.indexOf('-'));
    bySite.set(site, [...(bySite.get(site) ?? []), name]);
  }
  for (const [site, names] of bySite) {
    let header = '';
    const bodies: string[] = [];
    for (const name of names) {
      const text = readFileSync(join(folder, name), 'utf8');
      const end = text.indexOf('\n') + 1;
      header = text.slice(0, end);
      bodies.push(text.slice(end));
      rmSync(join(folder, name));
    }
    writeFileSync(join(folder, `${site}-merged.csv`), header + bodies.join(''));
  }
}
