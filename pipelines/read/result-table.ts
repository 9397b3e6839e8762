import { DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SqlQuery } from './sql.js';

/**
 * How a column travels: strings (dictionary-encoded in Arrow), floats, integers, booleans,
 * instants (epoch milliseconds, UTC), dates (epoch days) and JSON text.
 */
export type ColumnKind = 'string' | 'float' | 'int' | 'bool' | 'timestamp' | 'date' | 'json';

export type ColumnValues = Array<string | number | boolean | null>;

declare const rowType: unique symbol;

/**
 * A query result held column-wise: no per-row objects. `Row` is the type of its rows as
 * `typedRowsOf` gives them, carried from the query that made it; unknown when not stated.
 */
export interface ResultTable<Row = unknown> {
  names: string[];
  kinds: ColumnKind[];
  columns: ColumnValues[];
  rowCount: number;
  /** Never set: it carries `Row` in the type only. */
  readonly [rowType]?: Row;
}

const dayMs = 86_400_000;

/** An instant (epoch ms) as ISO 8601 UTC, the form every format writes a TIMESTAMP column in. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** An epoch day as YYYY-MM-DD, the form every format writes a DATE column in. */
export function isoDate(days: number): string {
  return new Date(days * dayMs).toISOString().slice(0, 10);
}

/** Raised when a query fails; names the query so the log says which one. */
export class QueryError extends Error {
  constructor(
    readonly queryName: string,
    options: { cause: unknown },
  ) {
    super(
      `query ${queryName} failed: ${(options.cause as Error)?.message ?? options.cause}`,
      options,
    );
    this.name = 'QueryError';
  }
}

function kindOf(typeId: DuckDBTypeId, alias: string | undefined): ColumnKind {
  if (alias === 'JSON') return 'json';
  switch (typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
      return 'int';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'float';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    case DuckDBTypeId.DATE:
      return 'date';
    default:
      return 'string';
  }
}

function convert(kind: ColumnKind, values: DuckDBValue[]): ColumnValues {
  switch (kind) {
    case 'string':
    case 'json':
      return values.map((v) => (v === null ? null : typeof v === 'string' ? v : String(v)));
    case 'float':
    case 'int':
      return values.map((v) => (v === null ? null : Number(v)));
    case 'bool':
      return values as Array<boolean | null>;
    case 'timestamp':
      return values.map((v) => {
        if (v === null) return null;
        const micros = (v as { micros: bigint }).micros;
        return Number(micros / 1000n);
      });
    case 'date':
      return values.map((v) => (v === null ? null : (v as { days: number }).days));
  }
}

/** Runs a named, parameterised query and returns its result column-wise. */
export async function queryTable<Row = unknown>(
  connection: DuckDBConnection,
  name: string,
  query: SqlQuery<Row>,
): Promise<ResultTable<Row>> {
  try {
    const reader = await connection.runAndReadAll(query.text, query.values);
    const names = reader.columnNames();
    const kinds = reader.columnTypes().map((type) => kindOf(type.typeId, type.alias));
    const raw = reader.getColumns();
    const columns = kinds.map((kind, i) => convert(kind, raw[i] ?? []));
    return { names, kinds, columns, rowCount: reader.currentRowCount };
  } catch (error) {
    throw new QueryError(name, { cause: error });
  }
}

/** Row objects for small results the server reasons about (tokens, versions), not for responses. */
export function rowsOf(
  table: ResultTable,
): Array<Record<string, string | number | boolean | null>> {
  const rows: Array<Record<string, string | number | boolean | null>> = [];
  for (let r = 0; r < table.rowCount; r++) {
    const row: Record<string, string | number | boolean | null> = {};
    table.names.forEach((name, c) => (row[name] = table.columns[c]?.[r] ?? null));
    rows.push(row);
  }
  return rows;
}

/**
 * The rows of a table as objects of its row type: instants as ISO 8601 UTC and dates as
 * YYYY-MM-DD, as every response format writes them; other values as queried (JSON as its text).
 */
export function typedRowsOf<Row>(table: ResultTable<Row>): Row[] {
  const text = table.kinds.map((kind) =>
    kind === 'timestamp' ? isoInstant : kind === 'date' ? isoDate : null,
  );
  const rows: Row[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const row: Record<string, string | number | boolean | null> = {};
    table.names.forEach((name, c) => {
      const value = table.columns[c]?.[r] ?? null;
      const write = text[c];
      row[name] = write && typeof value === 'number' ? write(value) : value;
    });
    // Row is what the query's function states for its columns (contractColumns, checked
    // against each query by DESCRIBE in the contract test).
    rows.push(row as Row);
  }
  return rows;
}

/** A table with the same columns and no rows (what a caller gets when rows are withheld). */
export function emptyTable<Row>(table: ResultTable<Row>): ResultTable<Row> {
  return { ...table, columns: table.columns.map(() => []), rowCount: 0 };
}
