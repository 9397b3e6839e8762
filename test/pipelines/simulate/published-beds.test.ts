import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dischargeWeekdayProfile,
  trustOccupancyOffsets,
  winterOccupancy,
} from '../../../pipelines/simulate/models/calibration.js';
import { openDuckDb, rows } from './read-feed.js';

// The simulator's bed and discharge constants against the NHS England figures they are taken
// from: extracts of its daily discharges and monthly G&A beds in test/fixtures/simulate
// (docs/calibration.md).
const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'simulate');
let db: DuckDBConnection;

beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db?.closeSync());

const numbers = async (sql: string, column: string): Promise<number[]> =>
  (await rows(db, sql)).map((row) => Number(row[column]));

describe('the calibration of beds and discharges', () => {
  it('discharges by weekday as NHS England’s trusts do', async () => {
    const published = await numbers(
      `SELECT discharges / avg(discharges) OVER () AS relative
       FROM read_csv('${join(fixtures, 'discharges-by-weekday.csv')}') ORDER BY iso_weekday`,
      'relative',
    );
    expect(published).toHaveLength(7);
    published.forEach((value, d) => expect(dischargeWeekdayProfile[d]).toBeCloseTo(value, 3));
  });

  it('spreads the trusts of an ICS as England’s acute trusts are spread about their median', async () => {
    const [q1, q3, q5, q7, median, trusts] = await numbers(
      `WITH t AS (
         SELECT adult_ga_occupied / adult_ga_available AS occupancy
         FROM read_csv('${join(fixtures, 'adult-ga-beds-by-trust.csv')}')
         WHERE months = 12 AND adult_ga_available >= 12 * 300)
       SELECT unnest([quantile_cont(occupancy, 0.125), quantile_cont(occupancy, 0.375),
         quantile_cont(occupancy, 0.625), quantile_cont(occupancy, 0.875), median(occupancy),
         count(*)]) AS value FROM t`,
      'value',
    );
    expect(trusts).toBe(113);
    [q1, q3, q5, q7].forEach((q, n) =>
      expect(trustOccupancyOffsets[n]).toBeCloseTo(q! - median!, 3),
    );
  });

  it('makes the wards fuller in winter by the first harmonic of England’s monthly G&A occupancy', async () => {
    const monthly = await numbers(
      `SELECT avg(adult_ga_occupied / adult_ga_available) AS occupancy
       FROM read_csv('${join(fixtures, 'adult-ga-beds-by-month.csv')}')
       GROUP BY month(strptime(month, '%Y-%m')) ORDER BY month(strptime(month, '%Y-%m'))`,
      'occupancy',
    );
    expect(monthly).toHaveLength(12);
    const mean = monthly.reduce((a, b) => a + b, 0) / 12;
    // Month m's middle, as a day of the year (0 on 1 January).
    const middle = (m: number) => (365.25 * (m + 0.5)) / 12;
    const angle = (day: number) => (2 * Math.PI * day) / 365.25;
    let cos = 0;
    let sin = 0;
    monthly.forEach((value, m) => {
      cos += ((value - mean) * Math.cos(angle(middle(m)))) / 6;
      sin += ((value - mean) * Math.sin(angle(middle(m)))) / 6;
    });
    for (let m = 0; m < 12; m++) {
      const day = middle(m);
      const harmonic = cos * Math.cos(angle(day)) + sin * Math.sin(angle(day));
      expect(winterOccupancy(day), `month ${m + 1}`).toBeCloseTo(harmonic, 3);
    }
    expect(winterOccupancy(middle(0))).toBeGreaterThan(winterOccupancy(middle(9)));
  });
});
