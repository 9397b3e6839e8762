import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestForecasts } from '../../../../pipelines/indicators/forecast/backtest-forecasts.js';
import { refreshForecasts } from '../../../../pipelines/indicators/forecast/refresh-forecasts.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { seededRandom } from '../fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let db: DuckDBConnection;
const start = Date.parse('2025-08-04T00:00:00Z');
const weeks = 6;

function poisson(lambda: number, random: () => number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  const random = seededRandom(11);
  const rows: string[] = [];
  for (const [site, scale] of [
    ['RZA01', 1],
    ['RZB01', 0.6],
  ] as const) {
    for (let h = 0; h < weeks * 168; h++) {
      const hour = new Date(start + h * 3_600_000);
      const hourOfDay = hour.getUTCHours();
      const weekend = [0, 6].includes(hour.getUTCDay());
      const lambda =
        scale *
        (4 + 8 * Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI))) *
        (weekend ? 0.8 : 1);
      const arrivals = poisson(lambda, random);
      const admissions = poisson(lambda * 0.25, random);
      const stamp = hour.toISOString().slice(0, 19).replace('T', ' ');
      rows.push(
        `('ae_attendances', '${site}', TIMESTAMP '${stamp}', DATE '2025-08-04', ${arrivals}, NULL, NULL)`,
      );
      rows.push(
        `('ae_emergency_admissions', '${site}', TIMESTAMP '${stamp}', DATE '2025-08-04', ${admissions}, NULL, NULL)`,
      );
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await db.run(`INSERT INTO indicator_site_hour VALUES ${rows.slice(i, i + 1000).join(',')}`);
  }
});

afterAll(() => warehouse.close());

describe('refreshForecasts(connection, effects)', () => {
  it('writes 72 ordered hourly forecasts per site and measure from the data clock', async () => {
    const result = await refreshForecasts(db, { now: new Date(), log: quiet });
    expect(result.sites.sort()).toEqual(['RZA01', 'RZB01']);
    expect(result.rows).toBe(2 * 2 * 72);
    const reader = await db.runAndReadAll(
      `SELECT site_code, measure, count(*) AS n, min(hour_start) AS first, max(generated_at) AS generated,
         bool_and(lower95 <= lower80 AND lower80 <= mean AND mean <= upper80 AND upper80 <= upper95) AS ordered
       FROM forecast GROUP BY site_code, measure ORDER BY site_code, measure`,
    );
    const lastHour = new Date(start + (weeks * 168 - 1) * 3_600_000);
    for (const row of reader.getRowObjectsJS()) {
      expect(row.n).toBe(72n);
      expect(row.ordered).toBe(true);
      // The last hour of data may still be filling: the forecast starts from it.
      expect(row.generated).toEqual(lastHour);
      expect(row.first).toEqual(lastHour);
    }
  });

  it('replaces a forecast made at the same data clock instead of adding to it', async () => {
    await refreshForecasts(db, { now: new Date(), log: quiet });
    const reader = await db.runAndReadAll(`SELECT count(*) FROM forecast`);
    expect(reader.getRows()[0][0]).toBe(288n);
  });
});

describe('backtestForecasts(connection)', () => {
  it('scores every site against the seasonal-naive baseline and prints the table', async () => {
    let printed = 0;
    const rows = await backtestForecasts(db, {
      weeks: 2,
      fitWeeks: 3,
      print: (r) => (printed = r.length),
    });
    expect(printed).toBe(4);
    for (const row of rows) {
      expect(row.points).toBeGreaterThan(200);
      expect(row.mase).toBeGreaterThan(0);
      expect(row.mase).toBeLessThan(1);
      expect(row.coverage95).toBeGreaterThan(0.8);
    }
  });
});
