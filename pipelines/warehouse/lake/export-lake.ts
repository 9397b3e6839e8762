import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { TouchedKeys } from '../../feeds/feed.js';
import { quotedIdentifier, quotedString } from '../../sql/index.js';
import { lakeTables, type LakeTable } from './lake-tables.js';

export interface LakeExportResult {
  table: string;
  written: number;
  removed: number;
  unchanged: number;
  rows: number;
}

/**
 * Writes the lake partitions whose rows changed since the last export, each as
 * lake/<table>/month=YYYY-MM[/provider=<trust>]/data.parquet, readable with
 * read_parquet('lake/<table>/**\/*.parquet', hive_partitioning = true) and by Spark/Trino.
 * Each partition file is written to a scratch folder beside the lake and renamed over the
 * old one (atomic per partition). 'all' checks every partition; touched keys check only the
 * months their rows can sit in (touchedMonths; a correction that moves a row to another month
 * is caught by the next 'all' run). Changes are found by fingerprint (row count and XOR of row hashes), so nothing
 * unchanged is rewritten. The caller serialises this with other work on the connection.
 */
export async function exportLake(
  connection: DuckDBConnection,
  lakeDir: string,
  scope: TouchedKeys | 'all',
  options: { now?: Date; tables?: readonly LakeTable[] } = {},
): Promise<LakeExportResult[]> {
  const lake = resolve(lakeDir);
  const scratchRoot = join(
    dirname(lake),
    `.lake-scratch-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const results: LakeExportResult[] = [];
  try {
    for (const table of options.tables ?? lakeTables) {
      const months = scope === 'all' ? null : touchedMonths(scope, table);
      if (months !== null && months.length === 0) break;
      results.push(
        await exportTable(
          connection,
          lake,
          join(scratchRoot, table.table),
          table,
          months,
          options.now ?? new Date(),
        ),
      );
    }
  } finally {
    rmSync(scratchRoot, { recursive: true, force: true });
  }
  return results;
}

/**
 * The UTC months whose partitions rows of touched local days can sit in: the day's month and,
 * on the 1st, the month before (a UK summer-time day starts at 23:00 UTC the day before); for
 * a weekly table also the month of the Monday that starts the day's week.
 */
export function touchedMonths(touched: TouchedKeys, table: Pick<LakeTable, 'weekly'>): string[] {
  const months = new Set<string>();
  for (const { day } of touched.siteDays) {
    const at = new Date(`${day}T00:00:00Z`);
    const dayBefore = new Date(at.getTime() - 86_400_000);
    months.add(day.slice(0, 7));
    months.add(dayBefore.toISOString().slice(0, 7));
    if (table.weekly) {
      const monday = new Date(at.getTime() - ((at.getUTCDay() + 6) % 7) * 86_400_000);
      months.add(monday.toISOString().slice(0, 7));
    }
  }
  for (const month of touched.months) months.add(month.slice(0, 7));
  return [...months].sort();
}

async function exportTable(
  connection: DuckDBConnection,
  lake: string,
  scratch: string,
  table: LakeTable,
  months: string[] | null,
  now: Date,
): Promise<LakeExportResult> {
  const name = quotedIdentifier(table.table);
  const provider = table.provider ? `coalesce(${quotedIdentifier(table.provider)}, '')` : "''";
  const inScope = (column: string) =>
    months === null ? 'true' : `list_contains($months::VARCHAR[], ${column})`;
  const params: Record<string, DuckDBValue> = months === null ? {} : { months: listValue(months) };
  // Partitioned rows with their partition values; lake_current holds each partition's fingerprint.
  const partitioned = `SELECT t.*, strftime(${table.eventTime}, '%Y-%m') AS month, ${provider} AS provider FROM ${name} t`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE lake_current AS
       SELECT month, provider, count(*) AS rows, count(*)::VARCHAR || ':' || bit_xor(hash(p))::VARCHAR AS fingerprint
         FROM (${partitioned}) p WHERE month IS NOT NULL AND ${inScope('month')} GROUP BY ALL`,
    params,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE lake_dirty AS
       SELECT c.month, c.provider, c.rows, c.fingerprint FROM lake_current c
         LEFT JOIN lake_partition l ON l.table_name = $table AND l.month = c.month AND l.provider = c.provider
        WHERE l.fingerprint IS DISTINCT FROM c.fingerprint`,
    { table: table.table },
  );
  const gone = (
    await connection.runAndReadAll(
      `SELECT l.month, l.provider, l.partition_path FROM lake_partition l
        WHERE l.table_name = $table AND ${inScope('l.month')}
          AND NOT EXISTS (SELECT 1 FROM lake_current c WHERE c.month = l.month AND c.provider = l.provider)`,
      { table: table.table, ...params },
    )
  ).getRowObjectsJS();
  const dirty = Number(
    (await connection.runAndReadAll('SELECT count(*) AS n FROM lake_dirty')).getRowObjectsJS()[0]!
      .n,
  );
  const total = (
    await connection.runAndReadAll(
      'SELECT count(*) AS n, coalesce(sum(rows), 0) AS r FROM lake_current',
    )
  ).getRowObjectsJS()[0]!;

  const written: Array<{ month: string; provider: string; path: string }> = [];
  if (dirty > 0) {
    const levels = table.provider ? 'month, provider' : 'month';
    const columns = table.provider ? 'p.*' : 'p.* EXCLUDE (provider)';
    mkdirSync(scratch, { recursive: true });
    await connection.run(
      `COPY (SELECT ${columns} FROM (${partitioned}) p JOIN lake_dirty d USING (month, provider)
              ORDER BY ${levels}, ${table.eventTime})
         TO ${quotedString(scratch)} (FORMAT parquet, PARTITION_BY (${levels}), FILENAME_PATTERN 'data_{i}', OVERWRITE)`,
    );
    for (const [partitionPath, files] of filesByPartition(scratch)) {
      const values = partitionValues(partitionPath);
      const target = join(lake, table.table, ...partitionPath.split('/'));
      mkdirSync(target, { recursive: true });
      // DuckDB may split a large partition into several files: data.parquet, data-1.parquet, …
      const names = files.map((_, i) => (i === 0 ? 'data.parquet' : `data-${i}.parquet`));
      files.forEach((file, i) => renameSync(file, join(target, names[i]!)));
      for (const stale of readdirSync(target)) {
        if (stale.endsWith('.parquet') && !names.includes(stale))
          rmSync(join(target, stale), { force: true });
      }
      written.push({ month: values.month!, provider: values.provider ?? '', path: partitionPath });
    }
  }
  for (const row of gone) {
    rmSync(join(lake, table.table, ...String(row.partition_path).split('/')), {
      recursive: true,
      force: true,
    });
  }

  await connection.run('BEGIN TRANSACTION');
  try {
    for (const row of gone) {
      await connection.run(
        'DELETE FROM lake_partition WHERE table_name = $1 AND month = $2 AND provider = $3',
        [table.table, String(row.month), String(row.provider)],
      );
    }
    for (const partition of written) {
      await connection.run(
        `INSERT OR REPLACE INTO lake_partition
           SELECT $table, month, provider, $path, rows, fingerprint, $now::TIMESTAMP FROM lake_dirty
            WHERE month = $month AND provider = $provider`,
        {
          table: table.table,
          path: partition.path,
          now: now.toISOString().replace('T', ' ').replace('Z', ''),
          month: partition.month,
          provider: partition.provider,
        },
      );
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  return {
    table: table.table,
    written: written.length,
    removed: gone.length,
    unchanged: Number(total.n) - written.length,
    rows: Number(total.r),
  };
}

function filesByPartition(dir: string): Map<string, string[]> {
  const partitions = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.parquet')) continue;
    const partitionPath = relative(dir, entry.parentPath).split(sep).join('/');
    const files = partitions.get(partitionPath) ?? [];
    files.push(join(entry.parentPath, entry.name));
    partitions.set(partitionPath, files.sort());
  }
  return partitions;
}

/** Partition values from a hive path DuckDB wrote (`month=2025-01/provider=R%27X`). */
function partitionValues(partitionPath: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const level of partitionPath.split('/')) {
    const at = level.indexOf('=');
    if (at < 1 || level === '..' || level === '.')
      throw new Error(`unexpected lake partition folder ${partitionPath}`);
    values[level.slice(0, at)] = decodeURIComponent(level.slice(at + 1));
  }
  return values;
}
