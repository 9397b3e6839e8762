import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Where a scan looked and what it found. */
export interface StoredNumbersScan {
  /** "schema.table (rows)" and "lake/…parquet (rows)" for every table and lake file read. */
  scanned: string[];
  /** "schema.table.column" or "file column" for every place a number was found. */
  found: string[];
}

/** A regular expression matching any of the numbers, also written 3-3-4 with spaces or hyphens. */
export function numbersPattern(numbers: readonly string[]): string {
  return numbers.map((n) => `${n.slice(0, 3)}[ -]?${n.slice(3, 6)}[ -]?${n.slice(6)}`).join('|');
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function anyColumnMatches(
  connection: DuckDBConnection,
  from: string,
  columns: string[],
  pattern: string,
  params: string[],
): Promise<{ rows: number; hits: string[] }> {
  const tests = columns.map(
    (column, i) =>
      `coalesce(bool_or(regexp_matches(CAST(${quote(column)} AS VARCHAR), $1)), false) AS c${i}`,
  );
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n${tests.length ? ', ' : ''}${tests.join(', ')} FROM ${from}`,
    [pattern, ...params],
  );
  const row = reader.getRowObjectsJS()[0] as Record<string, unknown>;
  return { rows: Number(row.n), hits: columns.filter((_c, i) => row[`c${i}`] === true) };
}

/**
 * Reads back every column of every type (cast to text, lists and structs included) of every
 * base table in every schema of the connection's database, and every Parquet file under
 * `lakeDir` through read_parquet, looking for any of `numbers`.
 */
export async function findStoredNumbers(
  connection: DuckDBConnection,
  numbers: readonly string[],
  lakeDir: string,
): Promise<StoredNumbersScan> {
  const pattern = numbersPattern(numbers);
  const scanned: string[] = [];
  const found: string[] = [];
  const columns = (
    await connection.runAndReadAll(
      `SELECT c.table_schema, c.table_name, list(c.column_name ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
       WHERE t.table_type = 'BASE TABLE' AND c.table_catalog = current_database()
       GROUP BY ALL ORDER BY ALL`,
    )
  ).getRowObjectsJS() as Array<{ table_schema: string; table_name: string; columns: string[] }>;
  for (const { table_schema, table_name, columns: names } of columns) {
    const { rows, hits } = await anyColumnMatches(
      connection,
      `${quote(table_schema)}.${quote(table_name)}`,
      names,
      pattern,
      [],
    );
    scanned.push(`${table_schema}.${table_name} (${rows})`);
    for (const hit of hits) found.push(`${table_schema}.${table_name}.${hit}`);
  }
  const lakeFiles = readdirSync(lakeDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
  for (const file of lakeFiles) {
    const name = file.slice(lakeDir.length + 1);
    if (!file.endsWith('.parquet')) {
      if (new RegExp(pattern).test(readFileSync(file, 'latin1'))) found.push(name);
      scanned.push(`${name} (bytes)`);
      continue;
    }
    const names = (
      await connection.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [file])
    )
      .getRowObjectsJS()
      .map((r) => String(r.column_name));
    const { rows, hits } = await anyColumnMatches(connection, 'read_parquet($2)', names, pattern, [
      file,
    ]);
    scanned.push(`${name} (${rows})`);
    for (const hit of hits) found.push(`${name} ${hit}`);
  }
  return { scanned, found };
}
