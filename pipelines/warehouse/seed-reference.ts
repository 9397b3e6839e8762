import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { refreshOrgFeedSpan } from './org-feed-span.js';

/** The tables the seed step owns, each loaded from data/reference/<table>[.<part>].csv. */
export const referenceTables = [
  'org',
  'ward',
  'local_authority',
  'lsoa',
  'population',
  'esp2013',
  'delay_reason',
] as const;

export interface SeedResult {
  /** Rows in each reference table after the seed. */
  tables: Record<string, number>;
  /** Whether any table was reloaded (false when every file's checksum was unchanged). */
  changed: boolean;
}

/** A reference CSV that cannot be loaded, named with its file and, where known, its line. */
export class ReferenceFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly line: number | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${fileName}${line === undefined ? '' : `, line ${line}`}: ${message}`, options);
    this.name = 'ReferenceFileError';
  }
}

interface ReferenceFile {
  fileName: string;
  table: string;
  part: string;
  path: string;
  sha256: string;
}

interface Column {
  name: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

const fileNamePattern = /^([a-z0-9_]+)(?:\.([a-z0-9_-]+))?\.csv$/;

const quoted = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

async function query(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = [],
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** National parts load first, then the rest in name order, each upserting over the last. */
function partOrder(part: string): string {
  return part === '' ? '0' : part === 'national' ? '1' : `2${part}`;
}

function listReferenceFiles(referenceDir: string): ReferenceFile[] {
  const files: ReferenceFile[] = [];
  for (const fileName of readdirSync(referenceDir).sort()) {
    const match = fileNamePattern.exec(fileName);
    if (!match) continue;
    const table = match[1]!;
    if (!(referenceTables as readonly string[]).includes(table)) {
      throw new ReferenceFileError(
        fileName,
        undefined,
        `no reference table '${table}' (expected one of ${referenceTables.join(', ')})`,
      );
    }
    const path = join(referenceDir, fileName);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    files.push({ fileName, table, part: match[2] ?? '', path, sha256 });
  }
  return files.sort(
    (a, b) => a.table.localeCompare(b.table) || partOrder(a.part).localeCompare(partOrder(b.part)),
  );
}

function readHeader(file: ReferenceFile): string[] {
  const fd = openSync(file.path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const end = text.search(/\r?\n/);
    if (bytes === 0 || end === 0) throw new ReferenceFileError(file.fileName, 1, 'no header row');
    return (end < 0 ? text : text.slice(0, end)).split(',').map((h) => h.trim());
  } finally {
    closeSync(fd);
  }
}

async function tableColumns(connection: DuckDBConnection, table: string): Promise<Column[]> {
  const rows = await query(
    connection,
    `SELECT column_name, data_type, is_nullable, column_default FROM duckdb_columns()
     WHERE table_name = $1 AND schema_name = 'main' ORDER BY column_index`,
    [table],
  );
  return rows.map((r) => ({
    name: String(r.column_name),
    type: String(r.data_type),
    nullable: Boolean(r.is_nullable),
    hasDefault: r.column_default !== null,
  }));
}

async function constraints(
  connection: DuckDBConnection,
  table: string,
): Promise<{ primaryKey: string[]; checks: string[] }> {
  const rows = await query(
    connection,
    `SELECT constraint_type, expression, constraint_column_names FROM duckdb_constraints()
     WHERE table_name = $1 AND schema_name = 'main' AND constraint_type IN ('PRIMARY KEY', 'CHECK')`,
    [table],
  );
  const pk = rows.find((r) => r.constraint_type === 'PRIMARY KEY');
  return {
    primaryKey: pk ? (pk.constraint_column_names as string[]) : [],
    checks: rows.filter((r) => r.constraint_type === 'CHECK').map((r) => String(r.expression)),
  };
}

async function checkHeader(
  connection: DuckDBConnection,
  file: ReferenceFile,
): Promise<{ columns: Column[]; header: string[]; types: string }> {
  const columns = await tableColumns(connection, file.table);
  const header = readHeader(file);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const unknown = header.filter((h) => !byName.has(h));
  if (unknown.length > 0) {
    throw new ReferenceFileError(
      file.fileName,
      1,
      `unknown column(s) ${unknown.map((u) => `'${u}'`).join(', ')}; ${file.table} has ${columns.map((c) => c.name).join(', ')}`,
    );
  }
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (repeated.length > 0) {
    throw new ReferenceFileError(file.fileName, 1, `column(s) repeated: ${repeated.join(', ')}`);
  }
  const missing = columns.filter((c) => !c.nullable && !c.hasDefault && !header.includes(c.name));
  if (missing.length > 0) {
    throw new ReferenceFileError(
      file.fileName,
      1,
      `required column(s) missing: ${missing.map((c) => c.name).join(', ')}`,
    );
  }
  const types = header
    .map((h) => `${quoted(h).replace(/"/g, "'")}: '${byName.get(h)!.type}'`)
    .join(', ');
  return { columns, header, types };
}

function readCsvSql(types: string): string {
  return `read_csv($1, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                   columns = {${types}}, store_rejects = true,
                   rejects_table = 'ref_rejects', rejects_scan = 'ref_scan')`;
}

async function throwOnRejects(connection: DuckDBConnection, file: ReferenceFile): Promise<void> {
  const rejects = await query(
    connection,
    'SELECT line, error_type, error_message FROM ref_rejects ORDER BY line LIMIT 1',
  );
  if (rejects.length > 0) {
    const r = rejects[0]!;
    throw new ReferenceFileError(
      file.fileName,
      Number(r.line),
      `${String(r.error_type)}: ${String(r.error_message)}`,
    );
  }
}

/** Loads one file into its table inside the caller's transaction; returns rows read. */
async function loadFile(
  connection: DuckDBConnection,
  file: ReferenceFile,
  isFirstPart: boolean,
): Promise<number> {
  const { header, types } = await checkHeader(connection, file);
  const { primaryKey } = await constraints(connection, file.table);
  const list = header.map(quoted).join(', ');
  const updates = header.filter((h) => !primaryKey.includes(h));
  const key = primaryKey.map(quoted).join(', ');
  const onConflict =
    primaryKey.length === 0 || isFirstPart
      ? ''
      : updates.length === 0
        ? `ON CONFLICT (${key}) DO NOTHING`
        : `ON CONFLICT (${key}) DO UPDATE SET ${updates
            .map((h) => `${quoted(h)} = excluded.${quoted(h)}`)
            .join(', ')}`;
  await connection.run('DROP TABLE IF EXISTS ref_rejects; DROP TABLE IF EXISTS ref_scan');
  let rows: number;
  try {
    const result = await connection.run(
      `INSERT INTO ${quoted(file.table)} (${list}) SELECT ${list} FROM ${readCsvSql(types)} ${onConflict}`,
      [file.path],
    );
    rows = Number(result.rowsChanged);
  } catch (error) {
    throw new ConstraintFailure(file, error);
  }
  await throwOnRejects(connection, file);
  return rows;
}

class ConstraintFailure extends Error {
  constructor(
    readonly file: ReferenceFile,
    cause: unknown,
  ) {
    super((cause as Error).message, { cause });
  }
}

async function firstLine(connection: DuckDBConnection, where: string): Promise<number | undefined> {
  const rows = await query(connection, `SELECT min(__line) AS line FROM ref_stage WHERE ${where}`);
  const line = rows[0]?.line;
  return line === null || line === undefined ? undefined : Number(line);
}

/**
 * After a failed insert (outside the rolled-back transaction): finds the first line of the
 * file that breaks a NOT NULL, CHECK or primary-key rule, to name it in the error.
 */
async function diagnose(connection: DuckDBConnection, failure: ConstraintFailure): Promise<Error> {
  const file = failure.file;
  const { columns, header, types } = await checkHeader(connection, file);
  await connection.run('DROP TABLE IF EXISTS ref_rejects; DROP TABLE IF EXISTS ref_scan');
  // Line numbers assume one record per line (no quoted line breaks, no blank lines), which
  // holds for the reference CSVs this project writes; read errors carry DuckDB's own line.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE ref_stage AS
     SELECT *, (row_number() OVER () + 1)::BIGINT AS __line FROM ${readCsvSql(types)}`,
    [file.path],
  );
  try {
    await throwOnRejects(connection, file);
    for (const column of columns.filter((c) => !c.nullable && header.includes(c.name))) {
      const line = await firstLine(connection, `${quoted(column.name)} IS NULL`);
      if (line !== undefined)
        return new ReferenceFileError(file.fileName, line, `${column.name} is empty`);
    }
    const { primaryKey, checks } = await constraints(connection, file.table);
    for (const check of checks) {
      const uses = columns.filter((c) => new RegExp(`\\b${c.name}\\b`).test(check));
      if (uses.some((c) => !header.includes(c.name))) continue;
      const line = await firstLine(connection, `NOT coalesce((${check}), true)`);
      if (line !== undefined) {
        return new ReferenceFileError(file.fileName, line, `fails CHECK (${check})`);
      }
    }
    if (primaryKey.length > 0) {
      const key = primaryKey.map(quoted).join(', ');
      const dup = await query(
        connection,
        `SELECT list(__line ORDER BY __line) AS lines FROM ref_stage GROUP BY ${key}
         HAVING count(*) > 1 ORDER BY min(__line) LIMIT 1`,
      );
      if (dup.length > 0) {
        const lines = (dup[0]!.lines as unknown[]).map(Number);
        return new ReferenceFileError(
          file.fileName,
          lines[1],
          `repeats the key (${primaryKey.join(', ')}) of line ${lines[0]}`,
        );
      }
    }
  } catch (error) {
    if (error instanceof ReferenceFileError) return error;
    throw error;
  } finally {
    await connection.run('DROP TABLE IF EXISTS ref_stage');
  }
  return new ReferenceFileError(file.fileName, undefined, failure.message, {
    cause: failure.cause,
  });
}

async function tableCounts(connection: DuckDBConnection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of referenceTables) {
    const rows = await query(connection, `SELECT count(*) AS n FROM ${quoted(table)}`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

/**
 * Loads every `<table>[.<part>].csv` in `referenceDir` into its reference table (national
 * parts first, then the other parts upserting over them by primary key), typed by the table's
 * own columns, in one transaction that it opens and commits. Idempotent: a table is reloaded
 * only when its set of files or one of their sha256 checksums differs from the last seed
 * (recorded in reference_file). Throws ReferenceFileError naming the file and line of the
 * first problem, leaving the warehouse unchanged.
 */
export async function seedReference(
  connection: DuckDBConnection,
  referenceDir: string,
  now: Date = new Date(),
): Promise<SeedResult> {
  const files = listReferenceFiles(referenceDir);
  const stored = await query(
    connection,
    'SELECT file_name, table_name, sha256 FROM reference_file',
  );
  const signature = (entries: Array<{ table: string; name: string; sha: string }>, table: string) =>
    entries
      .filter((e) => e.table === table)
      .map((e) => `${e.name}:${e.sha}`)
      .sort()
      .join('|');
  const current = files.map((f) => ({ table: f.table, name: f.fileName, sha: f.sha256 }));
  const previous = stored.map((s) => ({
    table: String(s.table_name),
    name: String(s.file_name),
    sha: String(s.sha256),
  }));
  const changedTables = referenceTables.filter(
    (t) => signature(current, t) !== signature(previous, t),
  );
  if (changedTables.length === 0) return { tables: await tableCounts(connection), changed: false };

  const loadedAt = now.toISOString().replace('T', ' ').replace('Z', '');
  await connection.run('BEGIN TRANSACTION');
  try {
    for (const table of changedTables) {
      await connection.run(`DELETE FROM ${quoted(table)}`);
      await connection.run('DELETE FROM reference_file WHERE table_name = $1', [table]);
      const parts = files.filter((f) => f.table === table);
      for (const [i, file] of parts.entries()) {
        const rows = await loadFile(connection, file, i === 0);
        await connection.run('INSERT INTO reference_file VALUES ($1, $2, $3, $4, $5::TIMESTAMP)', [
          file.fileName,
          file.table,
          file.sha256,
          rows,
          loadedAt,
        ]);
      }
    }
    // The orgs each site rolls up to may have changed.
    await refreshOrgFeedSpan(connection);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error instanceof ConstraintFailure ? await diagnose(connection, error) : error;
  }
  return { tables: await tableCounts(connection), changed: true };
}
