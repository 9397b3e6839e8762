import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshInequality } from '../../../../pipelines/indicators/inequality/refresh-inequality.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

let warehouse: Warehouse;
let db: DuckDBConnection;

async function summary(org: string) {
  const reader = await db.runAndReadAll(
    `SELECT * FROM inequality_summary WHERE indicator_id = 'ae_booked_online' AND org_code = $1
     AND dimension = 'imd_decile'`,
    [org],
  );
  return reader.getRowObjectsJS()[0];
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  // A straight gradient: 30% online booking in decile 1 falling 2 points a decile to 12% in
  // decile 10, 1,000 attendances each, and 250 attendances with unknown deprivation.
  for (const org of ['QZZ', 'RZA']) {
    await db.run(
      `INSERT INTO indicator_value
       SELECT 'ae_booked_online', $1, 'month', TIMESTAMP '2025-10-01', 'imd_decile', CAST(d AS VARCHAR),
         (0.30 - 0.02 * (d - 1)) * 1000, 1000, 0.30 - 0.02 * (d - 1), NULL, NULL
       FROM range(1, 11) t(d)`,
      [org],
    );
    await db.run(
      `INSERT INTO indicator_value VALUES
         ('ae_booked_online', $1, 'month', TIMESTAMP '2025-10-01', 'imd_decile', 'Unknown', 50, 250, 0.2, NULL, NULL),
         ('ae_booked_online', $1, 'month', TIMESTAMP '2025-10-01', 'total', 'all', 2150, 10250, 0.2098, NULL, NULL)`,
      [org],
    );
  }
});

afterAll(() => warehouse.close());

describe('refreshInequality(connection, keys)', () => {
  it('gives the gap, SII and RII of a known gradient, and the unknown share', async () => {
    const result = await refreshInequality(db, 'all');
    expect(result.rows).toBe(2);
    const row = await summary('QZZ');
    expect(row.most_deprived).toBeCloseTo(0.3, 12);
    expect(row.least_deprived).toBeCloseTo(0.12, 12);
    expect(row.gap).toBeCloseTo(0.18, 12);
    expect(row.gap_lower as number).toBeLessThan(0.18);
    expect(row.gap_upper as number).toBeGreaterThan(0.18);
    expect(row.sii).toBeCloseTo(-0.2, 9);
    expect(row.rii).toBeCloseTo(0.11 / 0.31, 9);
    expect(row.sii_lower as number).toBeLessThanOrEqual(row.sii as number);
    expect(row.sii_upper as number).toBeGreaterThanOrEqual(row.sii as number);
    expect(row.unknown_share).toBeCloseTo(250 / 10250, 12);
  });

  it('repeats exactly (seeded) and recomputes only the keys it is given', async () => {
    const before = await summary('QZZ');
    await db.run(
      `UPDATE indicator_value SET value = 0.5 WHERE org_code IN ('QZZ', 'RZA') AND category = '1'`,
    );
    const result = await refreshInequality(db, [
      { org_code: 'RZA', grain: 'month', period_start: '2025-10-01' },
    ]);
    expect(result.rows).toBe(1);
    expect(await summary('QZZ')).toEqual(before);
    expect((await summary('RZA')).most_deprived).toBe(0.5);
    await db.run(
      `UPDATE indicator_value SET value = 0.30 WHERE org_code IN ('QZZ', 'RZA') AND category = '1'`,
    );
    await refreshInequality(db, 'all');
    expect(await summary('QZZ')).toEqual(before);
  });
});
