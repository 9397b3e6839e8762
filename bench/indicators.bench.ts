import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger, TouchedKeys } from '../pipelines/feeds/feed.js';
import { refreshIndicators } from '../pipelines/indicators/index.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';

const command =
  'npx tsx bench/indicators.bench.ts  (BENCH_ROWS=5000000 BATCH_ROWS=10000 by default)';
const quiet: Logger = { info() {}, warn() {}, error() {} };
const icsCount = 5;
const sitesPerIcs = 4;

export interface IndicatorBenchResult {
  historyRows: number;
  batchRows: number;
  fullSeconds: number;
  incrementalSeconds: number;
  ratio: number;
  indicatorRows: number;
}

/**
 * A 10,000-row batch of A&E attendances onto ≥ 5 million rows of history (a region of five
 * ICSs, 20 sites, a year): the incremental refresh of the keys the batch touched against a
 * full rebuild of every indicator, both inside a transaction as the ingest engine runs them.
 */
export async function run(): Promise<IndicatorBenchResult> {
  const historyRows = Number(process.env.BENCH_ROWS ?? 5_000_000);
  const batchRows = Number(process.env.BATCH_ROWS ?? 10_000);
  const warehouse = await openWarehouse(':memory:');
  const db = warehouse.connection;
  try {
    await insertOrgs(db);
    let started = performance.now();
    await insertAttendances(db, 'H', historyRows, '2024-11-01', '2025-11-01');
    console.log(`history: ${historyRows.toLocaleString()} attendances in ${seconds(started)} s`);

    started = performance.now();
    await db.run('BEGIN TRANSACTION');
    await refreshIndicators(db, 'all', { now: new Date(), log: quiet });
    await db.run('COMMIT');
    const fullSeconds = seconds(started);
    const indicatorRows = Number(
      (await db.runAndReadAll('SELECT count(*) FROM indicator_value')).getRows()[0][0],
    );
    console.log(
      `full rebuild: ${fullSeconds} s (${indicatorRows.toLocaleString()} indicator rows)`,
    );

    // The batch: the next morning's files, late-arriving rows included (a tenth a day earlier).
    await db.run('BEGIN TRANSACTION');
    await insertAttendances(db, 'N', batchRows, '2025-10-31 06:00:00', '2025-11-01 12:00:00');
    const touched = await touchedBy(db, 'N');
    started = performance.now();
    const incremental = await refreshIndicators(db, touched, { now: new Date(), log: quiet });
    const incrementalSeconds = seconds(started);
    await db.run('COMMIT');
    console.log(
      `incremental: ${incrementalSeconds} s for ${batchRows.toLocaleString()} rows (${touched.siteDays.length} site-days touched, ${incremental.keys} keys, ${incremental.rows} rows rewritten)`,
    );
    const ratio = Math.round((incrementalSeconds / fullSeconds) * 1000) / 1000;
    console.log(`incremental / full = ${(ratio * 100).toFixed(1)}%   command: ${command}`);
    return { historyRows, batchRows, fullSeconds, incrementalSeconds, ratio, indicatorRows };
  } finally {
    warehouse.close();
  }
}

async function insertOrgs(db: DuckDBConnection): Promise<void> {
  await db.run(`INSERT INTO org (org_code, org_name, org_type, parent_code, region_code, is_synthetic)
    VALUES ('Y63', 'Region', 'region', 'ENG', 'Y63', false)`);
  for (let i = 1; i <= icsCount; i++) {
    const ics = `QB${i}`;
    await db.run(
      `INSERT INTO org (org_code, org_name, org_type, parent_code, ics_code, region_code, is_synthetic)
       VALUES ($1, $1, 'ics', 'Y63', $1, 'Y63', true)`,
      [ics],
    );
    for (let t = 1; t <= 2; t++) {
      const trust = `R${i}${t}`;
      await db.run(
        `INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, ics_code, region_code, is_synthetic)
         VALUES ($1, $1, 'trust', $2, $1, $2, 'Y63', true)`,
        [trust, ics],
      );
      for (let s = 1; s <= sitesPerIcs / 2; s++) {
        await db.run(
          `INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, ics_code, region_code, department_type, is_synthetic)
           VALUES ($1, $1, 'site', $2, $2, $3, 'Y63', $4, true)`,
          [`${trust}0${s}`, trust, ics, s === 1 ? '01' : '03'],
        );
      }
    }
  }
}

/** `n` attendances spread evenly over [from, to) in arrival order, with seeded attributes. */
async function insertAttendances(
  db: DuckDBConnection,
  prefix: string,
  n: number,
  from: string,
  to: string,
): Promise<void> {
  const sites = [];
  for (let i = 1; i <= icsCount; i++) {
    for (let t = 1; t <= 2; t++)
      for (let s = 1; s <= sitesPerIcs / 2; s++) sites.push(`R${i}${t}0${s}`);
  }
  await db.run(
    `INSERT INTO ae_attendance
     WITH r AS (
       SELECT i, $2::TIMESTAMP + to_microseconds(CAST(i * ((epoch_us($3::TIMESTAMP) - epoch_us($2::TIMESTAMP)) / CAST($4 AS DOUBLE)) AS BIGINT)) AS arrived_at,
         CAST(from_json($5, '["VARCHAR"]') AS VARCHAR[])[CAST(hash(i, 1) % ${sites.length} AS INTEGER) + 1] AS site_code,
         (hash(i, 2) % 10000) / 10000.0 AS u1, (hash(i, 3) % 10000) / 10000.0 AS u2,
         (hash(i, 4) % 10000) / 10000.0 AS u3, hash(i, 5) AS h
       FROM range(CAST($4 AS BIGINT)) t(i))
     SELECT $1 || i, substr(site_code, 1, 3), site_code, CASE WHEN site_code LIKE '%01' THEN '01' ELSE '03' END,
       CASE WHEN h % 50 = 0 THEN '4' ELSE '1' END, arrived_at,
       CASE WHEN u1 < 0.3 THEN 'ambulance' ELSE 'walk_in' END, CASE WHEN u2 < 0.1 THEN 'nhs111_online' ELSE 'self' END,
       false, CAST(1 + h % 5 AS TINYINT),
       CASE WHEN u1 < 0.3 THEN arrived_at + to_minutes(CAST(u3 * 90 AS BIGINT)) END,
       arrived_at + to_minutes(CAST(u2 * 40 AS BIGINT)), NULL,
       CASE WHEN u3 < 0.3 THEN arrived_at + to_minutes(CAST(60 + u1 * 600 AS BIGINT)) END,
       CASE WHEN h % 33 = 0 THEN NULL ELSE arrived_at + to_minutes(CAST(30 + u3 * u2 * 1200 AS BIGINT)) END,
       CASE WHEN h % 33 = 0 THEN NULL WHEN u3 < 0.3 THEN 'admitted' ELSE 'discharged' END,
       NULL, NULL, CAST(h % 95 AS SMALLINT), CASE WHEN u1 < 0.5 THEN 'M' ELSE 'F' END, NULL,
       ['White', 'White', 'White', 'Asian', 'Black', 'Mixed', 'Other', 'Unknown'][CAST(h % 8 AS INTEGER) + 1],
       NULL, CASE WHEN h % 10 = 0 THEN NULL ELSE CAST(1 + h % 10 AS TINYINT) END,
       'P' || (h % 400000), 1, NULL, TIMESTAMP '2025-11-01', 1
     FROM r ORDER BY arrived_at`,
    [prefix, from, to, n, JSON.stringify(sites)],
  );
}

async function touchedBy(db: DuckDBConnection, prefix: string): Promise<TouchedKeys> {
  const reader = await db.runAndReadAll(
    `SELECT DISTINCT site_code, strftime(period_day(arrived_at), '%Y-%m-%d') AS day
     FROM ae_attendance WHERE attendance_id LIKE $1 || '%'`,
    [prefix],
  );
  return {
    siteDays: reader.getRowObjectsJS().map((row) => ({
      site_code: String(row.site_code),
      day: String(row.day),
    })),
    months: [],
  };
}

function seconds(started: number): number {
  return Math.round(performance.now() - started) / 1000;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
