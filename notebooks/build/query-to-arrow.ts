import { DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

/** A query result as an Arrow table, with the names of its time columns. */
export interface ArrowResult {
  table: Table;
  /** Columns holding instants (ms since the epoch, UTC) that a notebook shows as Dates. */
  timeColumns: string[];
}

const numeric = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
]);
const temporal = new Set<DuckDBTypeId>([
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_NS,
  DuckDBTypeId.TIMESTAMP_TZ,
]);

/**
 * Runs `sql` and returns its result as an Arrow table built from DuckDB's columns: numbers
 * (counts included) as Float64 so charts never meet a BigInt, strings dictionary-encoded,
 * dates and timestamps as UTC milliseconds, anything else (lists, structs, JSON) as text.
 */
export async function queryToArrow(
  connection: DuckDBConnection,
  sql: string,
): Promise<ArrowResult> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumnsJS();
  const vectors: Record<string, Vector> = {};
  const timeColumns: string[] = [];
  names.forEach((name, i) => {
    const typeId = types[i]!.typeId;
    const values = columns[i] ?? [];
    if (name in vectors) throw new Error(`the query returns two columns named "${name}"`);
    if (numeric.has(typeId)) {
      vectors[name] = vector(values.map(toNumber), new Float64());
    } else if (temporal.has(typeId)) {
      timeColumns.push(name);
      vectors[name] = vector(values.map(toMillis), new TimestampMillisecond());
    } else if (typeId === DuckDBTypeId.BOOLEAN) {
      vectors[name] = vector(values, new Bool());
    } else {
      vectors[name] = vector(values.map(toText), new Dictionary(new Utf8(), new Int32()));
    }
  });
  return { table: new Table(vectors), timeColumns };
}

function vector(values: unknown[], type: DataType): Vector {
  return vectorFromArray(values as never[], type);
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

function toMillis(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  throw new Error(`unexpected time value ${String(value)}`);
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value as DuckDBValue, (_k, v: unknown) =>
    typeof v === 'bigint' ? Number(v) : v,
  );
}
