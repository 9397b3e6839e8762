/**
 * Per-statement wall time of the refresh after one A&E site-day (the latest day of the first
 * site), on a warehouse the region bench built:
 *   npx tsx bench/refresh-profile.ts [warehouse (default bench/output/region/warehouse.duckdb)]
 * Three refreshes, each in a transaction rolled back, so the warehouse is left as it was; the
 * third's stages and its slowest statements are printed. (The resident-population table the
 * refresh keeps on its connection is rolled back too, so it is computed again each time.)
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAll } from '../pipelines/indicators/index.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';

const path = process.argv[2] ?? join(import.meta.dirname, 'output', 'region', 'warehouse.duckdb');
const warehouse = await openWarehouse(path, { migrate: false });
const connection = warehouse.connection;
const statements: Array<[number, string]> = [];
const timed = new Proxy(connection, {
  get(target, name) {
    const value: unknown = Reflect.get(target, name);
    if (name !== 'run' && name !== 'runAndReadAll') return value;
    const run = value as (sql: string, values?: unknown) => Promise<unknown>;
    return async (sql: string, values?: unknown) => {
      const started = performance.now();
      const result = await run.call(target, sql, values);
      statements.push([performance.now() - started, sql.replace(/\s+/g, ' ').slice(0, 120)]);
      return result;
    };
  },
});
const latest = await connection.runAndReadAll(
  `SELECT site_code, strftime(max(day), '%Y-%m-%d') FROM indicator_site_day
   GROUP BY site_code ORDER BY site_code LIMIT 1`,
);
const [site, day] = latest.getRows()[0] as [string, string];
const effects = { now: new Date(), log: { info() {}, warn() {}, error() {} } };
console.log(`command: npx tsx bench/refresh-profile.ts ${path}`);
console.log(`refresh after A&E facts of ${site} on ${day}, rolled back each time:`);
for (let run = 1; run <= 3; run++) {
  statements.length = 0;
  await connection.run('BEGIN TRANSACTION');
  const started = performance.now();
  const result = await refreshAll(
    timed as DuckDBConnection,
    { siteDays: [{ site_code: site, day, feeds: ['ae'] }], months: [] },
    effects,
  );
  const ms = performance.now() - started;
  await connection.run('ROLLBACK');
  console.log(`run ${run}: ${ms.toFixed(0)} ms; by stage ${JSON.stringify(result.stageMs)}`);
}
console.log('slowest statements of the last run (ms):');
for (const [ms, sql] of statements.sort((a, b) => b[0] - a[0]).slice(0, 15))
  console.log(`${ms.toFixed(0).padStart(6)}  ${sql}`);
warehouse.close();
