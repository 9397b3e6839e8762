import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** The names of a feed's files in `out`, sorted (the order the simulator wrote them). */
export function feedFiles(out: string, feed: string): string[] {
  return readdirSync(join(out, feed))
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/**
 * Concatenates a CSV feed's files into one file (one header; a leading `file_seq` column with
 * the file's sorted position), so DuckDB reads one file instead of thousands.
 */
export function concatenateFeed(out: string, feed: string, target: string): string {
  const names = feedFiles(out, feed);
  const parts: string[] = [];
  names.forEach((name, i) => {
    const lines = readFileSync(join(out, feed, name), 'utf8').split(/\r?\n/);
    if (i === 0) parts.push('file_seq,' + lines[0]);
    for (const line of lines.slice(1)) if (line) parts.push(`${i},${line}`);
  });
  writeFileSync(target, parts.join('\n') + '\n');
  return target;
}

/** A fresh in-memory DuckDB with the session in UTC. */
export async function openDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  return connection;
}

/** Runs a query and returns its rows as objects with numbers for BIGINTs. */
export async function rows(
  connection: DuckDBConnection,
  sql: string,
): Promise<Array<Record<string, unknown>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader
    .getRowObjects()
    .map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
      ),
    );
}
