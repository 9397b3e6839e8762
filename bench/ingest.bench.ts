import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshIndicators } from '../pipelines/indicators/refresh-indicators.js';
import type { TouchedKeys } from '../pipelines/feeds/feed.js';
import { ingestBytes, pseudonymParams, type IngestEffects } from '../pipelines/ingest/index.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../pipelines/warehouse/seed-reference.js';
import { writeAeFile } from './ingest-ae-file.js';

const command =
  'npm run bench -- ingest   (env: BENCH_AE_ROWS default 2000000; BENCH_HISTORY_ROWS default 5000000, 0 skips; BENCH_REFRESH=0 skips the refresh; BENCH_OUT default bench/output)';

/**
 * DuckDB's raw read_csv of an ECDS-style A&E file against our full ingest of the same file,
 * where the time goes, and a 10,000-row batch refreshed onto ≥ 5 million rows of history
 * against a full rebuild.
 */
export async function run(): Promise<void> {
  console.log(`command: ${command}`);
  console.log(
    'every figure below comes from that command; CPU is process CPU time over all threads (steadier than wall time on a shared machine)',
  );
  const rows = Number(process.env.BENCH_AE_ROWS ?? 2_000_000);
  const historyRows = Number(process.env.BENCH_HISTORY_ROWS ?? 5_000_000);
  const out = process.env.BENCH_OUT ?? join(import.meta.dirname, 'output');
  mkdirSync(out, { recursive: true });
  const file = join(out, `ae-${rows}.csv`);
  if (!existsSync(file)) {
    const t = performance.now();
    writeAeFile(file, {
      rows,
      seed: 1,
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2026-01-01T00:00:00Z'),
    });
    console.log(`generated ${file} in ${seconds(t)} s`);
  }
  const mb = statSync(file).size / 1048576;
  console.log(
    `file: ${rows.toLocaleString('en-GB')} rows, ${mb.toFixed(0)} MB, ECDS-style (pipelines/feeds/ae/format.ts)`,
  );

  // Baseline: DuckDB's own read_csv into a table of a file database.
  const rawDb = join(out, 'raw.duckdb');
  rmSync(rawDb, { force: true });
  rmSync(`${rawDb}.wal`, { force: true });
  const raw = await openWarehouse(rawDb, { migrate: false });
  let t = performance.now();
  let c = cpu();
  await raw.connection.run(`CREATE TABLE raw AS SELECT * FROM read_csv($1, header = true)`, [file]);
  await raw.connection.run('CHECKPOINT');
  const rawSeconds = seconds(t);
  const rawCpu = cpu() - c;
  raw.close();

  // Our ingest: the engine with the ae feed and the model refresh, one transaction.
  console.log('seeding reference data (not timed)…');
  const db = join(out, 'ingest.duckdb');
  rmSync(db, { force: true });
  rmSync(`${db}.wal`, { force: true });
  const warehouse = await openWarehouse(db);
  const { connection } = warehouse;
  await seedReference(connection, join(import.meta.dirname, '..', 'data', 'reference'));
  await connection.run('CHECKPOINT');
  const log = { info() {}, warn() {}, error: (m: string, f?: object) => console.error(m, f) };
  // The feed's own phases (wall and CPU seconds), from its log line.
  const phases: { seconds?: Record<string, number>; cpuSeconds?: Record<string, number> } = {};
  const feedLog = {
    ...log,
    info: (_m: string, f?: Record<string, unknown>) => {
      if (f?.cpuSeconds) Object.assign(phases, { seconds: f.seconds, cpuSeconds: f.cpuSeconds });
    },
  };
  const keyHex = '6b'.repeat(32);
  const effects: IngestEffects = {
    connection,
    now: () => new Date(),
    log,
    pseudonymKeyHex: keyHex,
    tmpDir: join(out, 'tmp'),
  };
  console.log(
    `raw read_csv → table (file db)   ${rawSeconds.toFixed(2)} s   ${rate(rows, rawSeconds)} rows/s   CPU ${rawCpu.toFixed(2)} s   ${rate(rows, rawCpu)} rows/CPU-s`,
  );
  t = performance.now();
  c = cpu();
  const bytes = readFileSync(file);
  const readFileSeconds = seconds(t);
  t = performance.now();
  let touched: TouchedKeys | undefined;
  let refreshSeconds = 0;
  let refreshCpu = 0;
  const result = await ingestBytes('ae', `ae-${rows}.csv`, bytes, {
    ...effects,
    log: feedLog,
    afterLoad: async (keys) => {
      touched = keys;
      if (process.env.BENCH_REFRESH === '0') return;
      const [r, rc] = [performance.now(), cpu()];
      await refreshIndicators(connection, keys, { now: new Date(), log });
      [refreshSeconds, refreshCpu] = [seconds(r), cpu() - rc];
    },
  });
  await connection.run('CHECKPOINT');
  const ingestSeconds = readFileSeconds + seconds(t);
  const ingestCpu = cpu() - c;
  if (result.status !== 'loaded')
    throw new Error(`the bench file failed: ${result.errorCode} ${result.errorDetail}`);
  const steps = result.steps!;
  const withoutRefresh = ingestSeconds - refreshSeconds;
  const withoutRefreshCpu = ingestCpu - refreshCpu;
  console.log(
    `our full ingest (with refresh)   ${ingestSeconds.toFixed(2)} s   ${rate(rows, ingestSeconds)} rows/s   ratio ${(rawSeconds / ingestSeconds).toFixed(2)}×   CPU ${ingestCpu.toFixed(2)} s   ${rate(rows, ingestCpu)} rows/CPU-s   CPU ratio ${(rawCpu / ingestCpu).toFixed(2)}×`,
  );
  console.log(
    `  … without the model refresh    ${withoutRefresh.toFixed(2)} s   ${rate(rows, withoutRefresh)} rows/s   ratio ${(rawSeconds / withoutRefresh).toFixed(2)}×   CPU ${withoutRefreshCpu.toFixed(2)} s   CPU ratio ${(rawCpu / withoutRefreshCpu).toFixed(2)}×   (aim ≥ 0.5×)`,
  );
  console.log(
    `reconciliation                   rows in ${result.rowsIn} = loaded ${result.loaded} + quarantined ${result.quarantined} + duplicate ${result.duplicate}; ${touched?.siteDays.length ?? 0} site-days touched`,
  );
  console.log('where the time goes (engine steps, measured inside the ingest):');
  console.log(`  read file into memory          ${readFileSeconds.toFixed(2)} s`);
  console.log(`  decode + UTF-8 copy            ${steps.decode.toFixed(2)} s`);
  console.log(
    `  feed load (read, validate, pseudonymise, dedupe, merge, quarantine)  ${steps.load.toFixed(2)} s`,
  );
  console.log(
    `  model refresh (afterLoad)      ${steps.afterLoad.toFixed(2)} s${process.env.BENCH_REFRESH === '0' ? ' (BENCH_REFRESH=0: skipped)' : ''}`,
  );
  console.log(`  ledger update + commit         ${steps.commit.toFixed(2)} s`);
  console.log('feed load phases (wall s / CPU s; validate includes the pseudonym):');
  for (const [phase, secs] of Object.entries(phases.seconds ?? {}))
    console.log(
      `  ${phase.padEnd(30)} ${secs.toFixed(2)} s   CPU ${(phases.cpuSeconds?.[phase] ?? NaN).toFixed(2)} s`,
    );
  if (process.env.BENCH_REFRESH !== '0')
    console.log(
      `  refresh (afterLoad)            ${refreshSeconds.toFixed(2)} s   CPU ${refreshCpu.toFixed(2)} s`,
    );
  console.log(
    `  checkpoint                     ${(ingestSeconds - readFileSeconds - result.seconds).toFixed(2)} s`,
  );
  console.log('feed-step costs, each measured on its own over the same file:');
  for (const [name, secs, cpuSecs] of await stepCosts(connection, file, keyHex))
    console.log(`  ${name.padEnd(30)} ${secs.toFixed(2)} s   CPU ${cpuSecs.toFixed(2)} s`);

  if (historyRows > 0) {
    await incrementalRefresh(
      connection,
      {
        ...effects,
        afterLoad: async (keys) => {
          await refreshIndicators(connection, keys, { now: new Date(), log });
        },
      },
      out,
      rows,
      historyRows,
    );
  }
  warehouse.close();
}

async function stepCosts(
  connection: DuckDBConnection,
  file: string,
  keyHex: string,
): Promise<Array<[string, number, number]>> {
  const costs: Array<[string, number, number]> = [];
  const time = async (name: string, sql: string, params: Record<string, string> = {}) => {
    const [t, c] = [performance.now(), cpu()];
    await connection.run(sql, params);
    costs.push([name, seconds(t), cpu() - c]);
  };
  await time(
    'read (read_csv, text)',
    `CREATE OR REPLACE TEMP TABLE bench_stage AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true)`,
  );
  await time(
    'validate (NHS number, times, codes)',
    `CREATE OR REPLACE TEMP TABLE bench_valid AS SELECT EC_Ident, nhs_number_valid(NHS_Number) AS ok_nhs,
       try_cast(EC_Arrival_Date_Time AS TIMESTAMPTZ) AS arrived, try_cast(Age_At_Arrival AS SMALLINT) AS age,
       EC_Discharge_Status IN ('ADM', 'DIS', 'TRF', 'LBT', 'DIED') AS ok_status FROM bench_stage`,
  );
  await time(
    'pseudonymise (HMAC-SHA256)',
    'CREATE OR REPLACE TEMP TABLE bench_pseudonym AS SELECT nhs_pseudonym(NHS_Number, $pseudonym_ipad, $pseudonym_opad) AS patient_id FROM bench_stage',
    pseudonymParams(keyHex),
  );
  await time(
    'dedupe (latest per EC_Ident)',
    'CREATE OR REPLACE TEMP TABLE bench_dedupe AS SELECT * FROM bench_stage QUALIFY row_number() OVER (PARTITION BY EC_Ident ORDER BY rowid DESC) = 1',
  );
  for (const table of ['bench_stage', 'bench_valid', 'bench_pseudonym', 'bench_dedupe'])
    await connection.run(`DROP TABLE ${table}`);
  return costs;
}

async function incrementalRefresh(
  connection: DuckDBConnection,
  effects: IngestEffects,
  out: string,
  rows: number,
  historyRows: number,
): Promise<void> {
  // History: the loaded year, copied back a year at a time until there are ≥ historyRows.
  let total = Number(
    (
      await connection.runAndReadAll('SELECT count(*) AS n FROM ae_attendance')
    ).getRowObjectsJS()[0]!.n,
  );
  for (let year = 1; total < historyRows; year++) {
    await connection.run(
      `INSERT INTO ae_attendance SELECT * REPLACE (attendance_id || '-y' || $1 AS attendance_id,
         arrived_at - to_years($1::INTEGER) AS arrived_at, departed_at - to_years($1::INTEGER) AS departed_at,
         ambulance_handover_at - to_years($1::INTEGER) AS ambulance_handover_at, initial_assessment_at - to_years($1::INTEGER) AS initial_assessment_at,
         seen_at - to_years($1::INTEGER) AS seen_at, decided_to_admit_at - to_years($1::INTEGER) AS decided_to_admit_at)
       FROM ae_attendance WHERE attendance_id NOT LIKE '%-y%'`,
      [year],
    );
    total = Number(
      (
        await connection.runAndReadAll('SELECT count(*) AS n FROM ae_attendance')
      ).getRowObjectsJS()[0]!.n,
    );
  }
  await connection.run('CHECKPOINT');
  console.log('');
  console.log(`incremental refresh: ${total.toLocaleString('en-GB')} attendances of history`);
  let t = performance.now();
  const c = cpu();
  await connection.run('BEGIN TRANSACTION');
  await refreshIndicators(connection, 'all', { now: new Date(), log: effects.log });
  await connection.run('COMMIT');
  const full = seconds(t);
  const fullCpu = cpu() - c;
  console.log(
    `  full rebuild (refreshIndicators 'all')        ${full.toFixed(2)} s   CPU ${fullCpu.toFixed(2)} s`,
  );

  const batch = join(out, 'ae-batch-10000.csv');
  writeAeFile(batch, {
    rows: 10_000,
    seed: 2,
    firstId: rows + 10_000_000,
    from: new Date('2025-12-30T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
    duplicateShare: 0,
    correctionShare: 0,
  });
  t = performance.now();
  let refreshCpu = NaN;
  const result = await ingestBytes('ae', 'ae-batch-10000.csv', readFileSync(batch), {
    ...effects,
    afterLoad: async (keys, feed, fileId) => {
      const rc = cpu();
      await effects.afterLoad?.(keys, feed, fileId);
      refreshCpu = cpu() - rc;
    },
  });
  const whole = seconds(t);
  const refresh = result.steps?.afterLoad ?? NaN;
  console.log(
    `  10,000-row batch: incremental refresh         ${refresh.toFixed(2)} s   CPU ${refreshCpu.toFixed(2)} s  (whole ingest ${whole.toFixed(2)} s, ${result.loaded} loaded)`,
  );
  console.log(
    `  incremental ÷ full rebuild                    ${((100 * refresh) / full).toFixed(1)}% wall   ${((100 * refreshCpu) / fullCpu).toFixed(1)}% CPU   (aim ≤ 10%)`,
  );
}

/** Process CPU seconds (user + system, every thread). */
function cpu(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function rate(rows: number, secs: number): string {
  return Math.round(rows / secs).toLocaleString('en-GB');
}
