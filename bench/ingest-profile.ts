/**
 * Per-statement wall and CPU time of aeFeed.load on one generated A&E file, in a file
 * database seeded with the committed reference data, loaded in one transaction:
 *   npx tsx bench/ingest-profile.ts [rows=2000000] [loads=1]
 * With several loads (the same file under new file ids: all duplicates after the first), the
 * last one's statements are listed: a small file's steady per-file cost in a running service.
 * CPU time is the process's (all DuckDB threads), steadier than wall time on a shared machine.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { aeFeed } from '../pipelines/feeds/ae/index.js';
import { aeColumns } from '../pipelines/feeds/ae/format.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../pipelines/warehouse/seed-reference.js';
import { writeAeFile } from './ingest-ae-file.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const out = join(import.meta.dirname, 'output');
mkdirSync(out, { recursive: true });
const file = join(out, `ae-${rows}.csv`);
if (!existsSync(file))
  writeAeFile(file, {
    rows,
    seed: 1,
    from: new Date('2025-01-01T00:00:00Z'),
    to: new Date('2026-01-01T00:00:00Z'),
  });
const db = join(out, 'profile.duckdb');
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const warehouse = await openWarehouse(db);
await seedReference(warehouse.connection, join(import.meta.dirname, '..', 'data', 'reference'));
await warehouse.connection.run('CHECKPOINT');

interface Timing {
  sql: string;
  wall: number;
  cpu: number;
}
const timings: Timing[] = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const timed = (connection: DuckDBConnection): DuckDBConnection =>
  new Proxy(connection, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if ((prop === 'run' || prop === 'runAndReadAll') && typeof value === 'function') {
        return async (sql: string, ...rest: unknown[]) => {
          const [w, c] = [performance.now(), cpuNow()];
          const result = await (value as (...a: unknown[]) => Promise<unknown>).call(
            target,
            sql,
            ...rest,
          );
          timings.push({ sql, wall: (performance.now() - w) / 1000, cpu: cpuNow() - c });
          return result;
        };
      }
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });

const load = async (fileId: bigint) => {
  await warehouse.connection.run(
    `INSERT INTO ingest_file (file_id, feed, file_name, sha256, bytes, status, received_at)
     VALUES ($1, 'ae', 'ae.csv', $2, 0, 'loaded', TIMESTAMP '2025-06-01 00:00:00')`,
    [fileId, `x${fileId}`],
  );
  timings.length = 0;
  await warehouse.connection.run('BEGIN TRANSACTION');
  const [w, c] = [performance.now(), cpuNow()];
  const result = await aeFeed.load({
    connection: timed(warehouse.connection),
    fileId,
    fileName: 'ae.csv',
    text: `${aeColumns.join(',')}\n`,
    textPath: file,
    now: new Date('2026-01-02T00:00:00Z'),
    pseudonymKeyHex: '6b'.repeat(32),
    log: { info() {}, warn() {}, error() {} },
  });
  await warehouse.connection.run('COMMIT');
  return { result, wall: (performance.now() - w) / 1000, cpu: cpuNow() - c };
};

const loads = Number(process.argv[3] ?? 1);
for (let id = 1n; id < BigInt(loads); id++) {
  const first = await load(id);
  console.log(
    `load ${id}: wall ${first.wall.toFixed(3)} s, cpu ${first.cpu.toFixed(3)} s, loaded ${first.result.loaded}`,
  );
}
const { result, wall, cpu } = await load(BigInt(loads));
console.log(
  `aeFeed.load ${rows} rows: wall ${wall.toFixed(2)} s, cpu ${cpu.toFixed(2)} s, ${timings.length} statements;`,
  `rows in ${result.rowsIn} = loaded ${result.loaded} + quarantined ${result.quarantined} + duplicate ${result.duplicate}`,
);
for (const t of timings.filter((x) => x.wall > 0.002 || x.cpu > 0.01))
  console.log(
    `${t.wall.toFixed(3).padStart(8)} s wall ${t.cpu.toFixed(3).padStart(8)} s cpu  ${t.sql.replace(/\s+/g, ' ').slice(0, 110)}`,
  );
const small = timings.filter((x) => x.wall <= 0.002 && x.cpu <= 0.01);
console.log(
  `(${small.length} other statements: ${small.reduce((s, x) => s + x.wall, 0).toFixed(3)} s wall)`,
);
warehouse.close();
