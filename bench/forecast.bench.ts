import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../pipelines/config.js';
import type { Logger } from '../pipelines/feeds/feed.js';
import { backtestForecasts, refreshIndicators } from '../pipelines/indicators/index.js';
import { ingestInbox, loadPseudonymKey } from '../pipelines/ingest/index.js';
import { simulate } from '../pipelines/simulate/index.js';
import { openWarehouse, seedReference } from '../pipelines/warehouse/index.js';

const silent: Logger = { info: () => {}, warn: () => {}, error: console.error };

/**
 * The forecast backtest over the last 8 weeks, per site and measure: MASE against the
 * seasonal-naive baseline (the same hour last week) and the 80% / 95% interval coverage.
 * Reads BENCH_FORECAST_DB when given (e.g. a stopped service's data/observatory.duckdb),
 * else simulates 21 weeks of the demo ICS into a temporary warehouse.
 */
export async function run(): Promise<void> {
  const given = process.env.BENCH_FORECAST_DB;
  console.log(
    `command: ${given ? `BENCH_FORECAST_DB=${given} ` : ''}npm run bench -- forecast (8 weeks of backtest after 12 weeks of fit)`,
  );
  if (given) {
    const warehouse = await openWarehouse(given, { readOnly: true });
    try {
      await backtestForecasts(warehouse.connection, { weeks: 8, fitWeeks: 12 });
    } finally {
      warehouse.close();
    }
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'forecast-bench-'));
  try {
    const config = loadConfig({ ...process.env, OBSERVATORY_DATA: dir });
    const started = performance.now();
    simulate(
      {
        days: 147,
        seed: 11,
        out: config.inboxDir,
        batch: 'day',
        referenceDir: config.referenceDir,
      },
      { clock: { now: () => new Date('2026-03-01T00:00:00Z') }, log: silent },
    );
    const warehouse = await openWarehouse(config.dbPath);
    try {
      await seedReference(warehouse.connection, config.referenceDir);
      await ingestInbox(
        config.inboxDir,
        {
          connection: warehouse.connection,
          now: () => new Date(),
          log: silent,
          pseudonymKeyHex: loadPseudonymKey(config),
          tmpDir: join(dir, 'tmp'),
        },
        { feeds: ['ae'] },
      );
      await refreshIndicators(warehouse.connection, 'all', { now: new Date(), log: silent });
      console.log(
        `simulated, loaded and modelled 21 weeks of A&E in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      await backtestForecasts(warehouse.connection, { weeks: 8, fitWeeks: 12 });
    } finally {
      warehouse.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
