import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestPeriod } from '../../../../pipelines/indicators/alerts/latest-period.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(
    `INSERT INTO site_coverage VALUES ('RZA01', 'ae', DATE '2026-06-01',
       TIMESTAMP '2026-06-01 00:05', TIMESTAMP '2026-06-01 23:50', NULL, 40)`,
  );
});

afterAll(() => warehouse.close());

async function values(rows: Array<[string, string, string]>): Promise<void> {
  await warehouse.connection.run('DELETE FROM indicator_value');
  for (const [indicator, grain, period] of rows)
    await warehouse.connection.run(
      `INSERT INTO indicator_value BY NAME
       SELECT $1 AS indicator_id, 'QZZ' AS org_code, $2 AS grain, $3::TIMESTAMP AS period_start,
         'total' AS dimension, 'all' AS category, 1.0 AS value`,
      [indicator, grain, period],
    );
}

describe('latestPeriod', () => {
  it('finds the latest period of the indicators asked for, near the latest data', async () => {
    await values([
      ['x', 'day', '2026-03-01'],
      ['x', 'day', '2026-05-30'],
      ['y', 'day', '2026-06-01'],
      ['x', 'month', '2026-05-01'],
    ]);
    expect(await latestPeriod(warehouse.connection, 'day', ['x'])).toBe('2026-05-30 00:00:00');
    expect(await latestPeriod(warehouse.connection, 'day', ['x', 'y'])).toBe('2026-06-01 00:00:00');
    expect(await latestPeriod(warehouse.connection, 'month', ['x'])).toBe('2026-05-01 00:00:00');
  });

  it('reads the whole table when the series stopped long before the latest data', async () => {
    await values([
      ['x', 'day', '2026-01-10'],
      ['x', 'day', '2026-03-01'],
    ]);
    expect(await latestPeriod(warehouse.connection, 'day', ['x'])).toBe('2026-03-01 00:00:00');
    expect(await latestPeriod(warehouse.connection, 'month', ['x'])).toBeNull();
  });
});
