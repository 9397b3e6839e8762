import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const quiet: Logger = { info() {}, warn() {}, error() {} };

/**
 * An in-memory warehouse holding `days` of the simulated demo ICS from 1 October 2025 (after
 * six weeks simulated unwritten, so long stays are in the beds), loaded through the feeds;
 * with `trusts`, the A&E and ADT records of those trusts' sites only: trusts share no
 * patients, so a few sites behave as they do in the whole ICS and load in a fraction of the
 * time. Also the scenario bench's warehouse (the whole ICS).
 */
export async function simulatedHistory(days: number, trusts?: string[]): Promise<Warehouse> {
  const dir = mkdtempSync(join(tmpdir(), 'scenario-history-'));
  const inbox = join(dir, 'inbox');
  const now = () => new Date('2025-12-01T00:00:00Z');
  simulate(
    {
      days,
      seed: 3,
      out: inbox,
      start: '2025-10-01',
      referenceDir: join(projectRoot, 'data', 'reference'),
      warmupDays: 42,
      batch: 'day',
    },
    { clock: { now }, log: quiet },
  );
  const kept = (site: string) => trusts?.some((trust) => site.startsWith(trust)) ?? true;
  for (const name of trusts ? readdirSync(join(inbox, 'ae')) : []) {
    const path = join(inbox, 'ae', name);
    const [header, ...rows] = readFileSync(path, 'utf8').split('\n');
    const own = rows.filter((row) => row !== '' && kept(row.slice(0, row.indexOf(','))));
    writeFileSync(path, [header, ...own].join('\n') + '\n');
  }
  for (const name of trusts ? readdirSync(join(inbox, 'adt')) : []) {
    const path = join(inbox, 'adt', name);
    const messages = readFileSync(path, 'utf8').split(/(?=MSH\|)/);
    writeFileSync(path, messages.filter((m) => kept(m.split('|')[3] ?? '')).join(''));
  }
  const warehouse = await openWarehouse(':memory:');
  await seedReference(warehouse.connection, join(projectRoot, 'data', 'reference'));
  // The scenarios read facts and the live state they build themselves: no model refresh.
  const writer = await createWriter({
    warehouse,
    log: quiet,
    now,
    pseudonymKeyHex: loadPseudonymKey({ secretsDir: join(dir, 'secrets') }),
    tmpDir: join(dir, 'tmp'),
    inboxDir: inbox,
    refresh: async () => null,
  });
  await writer.pollInbox({ feeds: ['ae', 'adt', 'sitrep', 'discharge'] });
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
  return warehouse;
}
