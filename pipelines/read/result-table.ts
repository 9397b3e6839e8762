import { DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { SqlQuery } from './sql.js';

/**
 * How a column travels: strings (dictionary-encoded in Arrow), floats, integers, booleans,
 * instants (epoch milliseconds, UTC), dates (epoch days) and JSON text.
 */
export type ColumnKind = 'string' | 'float' | 'int' | 'bool' | 'timestamp' | 'date' | 'json';

export type ColumnValues = Array<string | number | boolean | null>;

/** A query result held column-wise: no per-row objects. */
export interface ResultTable {
  names: string[];
  kinds: ColumnKind[];
  columns: ColumnValues[];
  rowCount: number;
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
export async function queryTable(
  connection: DuckDBConnection,
  name: string,
  query: SqlQuery,
): Promise<ResultTable> {
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

/** A table with the same columns and no rows (what a caller gets when rows are withheld). */
export function emptyTable(table: ResultTable): ResultTable {
  return { ...table, columns: table.columns.map(() => []), rowCount: 0 };
}
