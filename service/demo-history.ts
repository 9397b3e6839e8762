import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Clock } from '../pipelines/clock/index.js';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { Logger } from '../pipelines/feeds/feed.js';
import { writeDemoHistory, type DemoFeedOptions } from '../pipelines/simulate/index.js';
import { quiet } from './quiet-log.js';

/** How the demo (simulated ICS) behaves when the warehouse starts empty. */
export interface DemoOptions {
  /** Days of history simulated into an empty inbox and warehouse. */
  days: number;
  seed: number;
  /**
   * The live feed's catch-up speed, simulated minutes per wall-clock second, until it reaches
   * the wall clock (then it follows it). 0 = no live feed.
   */
  speed: number;
  /** Hours between the end of the history and now, replayed by the live feed at `speed`. */
  lagHours: number;
}

export const defaultDemo: DemoOptions = { days: 90, seed: 20240101, speed: 6, lagHours: 12 };

/** The demo feed's options for this service's folders. */
export function demoFeedOptions(
  demo: DemoOptions,
  config: Pick<ObservatoryConfig, 'inboxDir' | 'referenceDir' | 'dataDir'>,
): DemoFeedOptions {
  return {
    ...demo,
    out: config.inboxDir,
    referenceDir: config.referenceDir,
    statePath: join(config.dataDir, 'demo-feed.json'),
  };
}

/**
 * Simulates the demo ICS's history into the inbox (daily backfill files, ending `lagHours`
 * before now) for the history load to pick up; the service does it on a fresh start.
 */
export function simulateDemoHistory(demo: DemoFeedOptions, clock: Clock, log: Logger): void {
  log.info('empty warehouse: simulating the demo ICS', { days: demo.days, seed: demo.seed });
  const result = writeDemoHistory(demo, {
    clock,
    log: quiet(log),
    progress: progressLogger(log, 'simulate'),
  });
  log.info('demo history written', { files: result.files, attendances: result.attendances });
}

/** A fresh start: nothing in the ledger and nothing waiting in the inbox. */
export async function isFreshStart(
  connection: DuckDBConnection,
  inboxDir: string,
): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM ingest_file');
  return Number(reader.getRowObjectsJS()[0]?.n ?? 0) === 0 && inboxIsEmpty(inboxDir);
}

function inboxIsEmpty(inboxDir: string): boolean {
  if (!existsSync(inboxDir)) return true;
  return readdirSync(inboxDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .every((entry) => readdirSync(join(inboxDir, entry.name)).length === 0);
}

function progressLogger(log: Logger, what: string) {
  let last = 0;
  return (progress: { done: number; total: number }) => {
    const share = Math.floor((progress.done / progress.total) * 10);
    if (share > last || progress.done === progress.total) {
      last = share;
      log.info(`${what}: ${Math.round((progress.done / progress.total) * 100)}%`);
    }
  };
}
