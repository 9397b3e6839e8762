import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryTable, sql, typedRowsOf } from '../../../pipelines/read/index.js';
import { toJsonRows } from '../../../server/formats/to-json.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

interface Sample {
  at: string;
  day: string;
  missing_at: string | null;
  label: string;
  n: number;
  x: number;
  flag: boolean;
  detail: unknown;
}

// An instant on the day the clocks go forward, a date on the day they go back, and each other
// kind a column travels as.
const sample = () =>
  queryTable(
    connection,
    'sample',
    sql<Sample>`SELECT TIMESTAMP '2025-03-30 00:30:00' AS at, DATE '2025-10-26' AS day,
      NULL::TIMESTAMP AS missing_at, ${'R0A'} AS label, 12::BIGINT AS n, 0.25::DOUBLE AS x,
      true AS flag, '{"points":3}'::JSON AS detail`,
  );

describe('typedRowsOf(table)', () => {
  it('gives instants as ISO 8601 UTC, dates as YYYY-MM-DD and other values as queried', async () => {
    expect(typedRowsOf(await sample())).toEqual([
      {
        at: '2025-03-30T00:30:00.000Z',
        day: '2025-10-26',
        missing_at: null,
        label: 'R0A',
        n: 12,
        x: 0.25,
        flag: true,
        detail: '{"points":3}',
      },
    ]);
  });

  it('writes every value but JSON text as the JSON response does', async () => {
    const table = await sample();
    const [row] = typedRowsOf(table);
    const [json] = JSON.parse(toJsonRows(table)) as Sample[];
    expect({ ...row, detail: JSON.parse(String(row!.detail)) }).toEqual(json);
  });

  it('gives no rows for an empty table', async () => {
    const table = await queryTable(
      connection,
      'none',
      sql<{ at: string }>`SELECT TIMESTAMP '2025-01-01 00:00:00' AS at WHERE false`,
    );
    expect(typedRowsOf(table)).toEqual([]);
  });
});
