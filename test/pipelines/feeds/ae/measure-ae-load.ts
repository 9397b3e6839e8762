/**
 * Measures aeFeed.load against DuckDB's plain read_csv of the same generated file:
 *   npx tsx test/pipelines/feeds/ae/measure-ae-load.ts [rows=2000000] [memory|file]
 * Prints rows/s for both, their ratio, and the split of the load (read, validate,
 * quarantine, merge) with the pseudonym's own cost measured on its own.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aeColumns } from '../../../../pipelines/feeds/ae/format.js';
import { aeFeed } from '../../../../pipelines/feeds/ae/index.js';
import { hmacPads } from '../../../../pipelines/nhs-number/index.js';
import { openWarehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { testKeyHex } from '../harness/feed-harness.js';
import { generateAeCsv } from './generate-ae-csv.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const storage = process.argv[3] ?? 'memory';
const dir = mkdtempSync(join(tmpdir(), 'ae-measure-'));
const csv = join(dir, 'ae.csv');
const dbPath = (name: string) => (storage === 'file' ? join(dir, `${name}.duckdb`) : ':memory:');

try {
  await generateAeCsv(csv, rows, { dirtyEvery: 1000 });
  console.log(
    `file: ${rows} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB, ${storage} database`,
  );

  const raw = await openWarehouse(dbPath('raw'), { migrate: false });
  let t = performance.now();
  let cpu = process.cpuUsage();
  await raw.connection.run(
    `CREATE TABLE ae_raw AS SELECT * FROM read_csv('${csv}', header = true, delim = ',', ignore_errors = true)`,
  );
  const rawSeconds = (performance.now() - t) / 1000;
  const rawCpu = cpuSeconds(cpu);
  raw.close();

  const warehouse = await openWarehouse(dbPath('warehouse'));
  const { connection } = warehouse;
  await connection.run(`INSERT INTO org (org_code, org_name, org_type, trust_code) VALUES
    ('R0A', 'A', 'trust', 'R0A'), ('R0A01', 'A1', 'site', 'R0A'), ('R0A02', 'A2', 'site', 'R0A'),
    ('R1B', 'B', 'trust', 'R1B'), ('R1B01', 'B1', 'site', 'R1B')`);
  await connection.run(`INSERT INTO lsoa (lsoa_code, imd_decile, imd_rank) VALUES
    ('E01000001', 1, 1), ('E01000002', 5, 2), ('E01000003', 10, 3)`);
  await connection.run(`INSERT INTO ingest_file (feed, file_name, sha256, bytes, status, received_at)
    VALUES ('ae', 'ae.csv', 'x', 0, 'loaded', TIMESTAMP '2025-06-01 00:00:00')`);
  // The loader reads the file through textPath; text is only used for the header check.
  const text = aeColumns.join(',') + '\n';
  const split: Record<string, unknown> = {};
  await connection.run('BEGIN TRANSACTION');
  t = performance.now();
  cpu = process.cpuUsage();
  const result = await aeFeed.load({
    connection,
    fileId: 1n,
    fileName: 'ae.csv',
    text,
    textPath: csv,
    now: new Date('2025-06-01T00:00:00Z'),
    pseudonymKeyHex: testKeyHex,
    log: { info: (_m, fields) => Object.assign(split, fields?.seconds), warn() {}, error() {} },
  });
  await connection.run('COMMIT');
  const loadSeconds = (performance.now() - t) / 1000;
  const loadCpu = cpuSeconds(cpu);

  const pads = hmacPads(testKeyHex);
  t = performance.now();
  await connection.runAndReadAll(
    `SELECT count(DISTINCT nhs_pseudonym(NHS_Number, $1, $2)) FROM read_csv('${csv}', header = true, all_varchar = true, ignore_errors = true)`,
    [pads.ipadHex, pads.opadHex],
  );
  const withHmac = (performance.now() - t) / 1000;
  t = performance.now();
  await connection.runAndReadAll(
    `SELECT count(DISTINCT NHS_Number) FROM read_csv('${csv}', header = true, all_varchar = true, ignore_errors = true)`,
  );
  const withoutHmac = (performance.now() - t) / 1000;
  warehouse.close();

  const rate = (s: number) => `${Math.round(rows / s).toLocaleString('en-GB')} rows/s`;
  console.log(`DuckDB read_csv into a table: ${rawSeconds.toFixed(2)} s, ${rate(rawSeconds)}`);
  console.log(
    `aeFeed.load (in a transaction + COMMIT): ${loadSeconds.toFixed(2)} s, ${rate(loadSeconds)}`,
  );
  console.log(`ratio load/raw throughput: ${(rawSeconds / loadSeconds).toFixed(2)}`);
  console.log(
    `CPU seconds (all threads; steadier on a shared machine): raw ${rawCpu.toFixed(2)}, load ${loadCpu.toFixed(2)}, ratio ${(rawCpu / loadCpu).toFixed(2)}`,
  );
  console.log('split (s):', split);
  console.log(
    `pseudonym on its own: ${(withHmac - withoutHmac).toFixed(2)} s (${(((withHmac - withoutHmac) / rows) * 1e6).toFixed(2)} µs a row)`,
  );
  console.log('counts:', { ...result, touched: result.touched.siteDays.length });
} finally {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
