import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAll } from '../../../pipelines/indicators/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { insertAttendances, insertBedsAndDischarges, insertReference } from './fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let db: DuckDBConnection;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  await insertReference(db);
  await insertAttendances(db, { firstDay: '2025-10-27', days: 7, perDay: 30, seed: 3 });
  await insertBedsAndDischarges(db, { firstDay: '2025-10-27', days: 7, seed: 4 });
  for (const [spell, ward] of [
    ['SRZA01-6-0', 'RZA01-W1'],
    ['SRZB01-6-0', 'RZB01-W1'],
  ]) {
    await db.run(
      `UPDATE spell SET status = 'admitted', discharged_at = NULL, ward_code = $2 WHERE spell_id = $1`,
      [spell, ward],
    );
  }
});

afterAll(() => warehouse.close());

describe('refreshAll(connection, touched, effects)', () => {
  it('runs indicators, inequality, live state, OPEL and alerts, and says what changed', async () => {
    const effects = { now: new Date('2025-11-03T00:30:00Z'), log: quiet };
    const result = await refreshAll(db, 'all', effects);
    expect(result.indicators.rows).toBeGreaterThan(1000);
    expect(result.inequalityRows).toBeGreaterThan(0);
    expect(result.liveChanged).toBe(true);
    expect(result.liveSites).toEqual(['RZA01', 'RZA02', 'RZB01']);
    expect(result.opelChanged.map((change) => change.org_code).sort()).toEqual([
      'QZZ',
      'RZA',
      'RZB',
    ]);
    const tables = await db.runAndReadAll(
      `SELECT (SELECT count(*) FROM inequality_summary), (SELECT count(*) FROM live_site),
              (SELECT count(*) FROM opel_level), (SELECT count(*) FROM alert)`,
    );
    const [inequality, live, opel, alerts] = tables.getRows()[0].map(Number);
    expect(inequality).toBe(result.inequalityRows);
    expect(live).toBe(3);
    expect(opel).toBe(3);
    expect(alerts).toBe(result.alertsRaised.length);
    // The daily OPEL history: 28 October (a day after the first arrival) to 3 November (the
    // sites' data clocks), two trusts and the ICS.
    expect(result.opelDays).toBe(7);
    const daily = await db.runAndReadAll(
      `SELECT strftime(min(day), '%Y-%m-%d'), strftime(max(day), '%Y-%m-%d'), count(*) FROM opel_daily`,
    );
    expect(daily.getRows()[0]).toEqual(['2025-10-28', '2025-11-03', 21n]);

    const again = await refreshAll(
      db,
      { siteDays: [{ site_code: 'RZA01', day: '2025-11-02' }], months: [] },
      effects,
    );
    expect(again.indicators.keys).toBeGreaterThan(0);
    expect(again.liveChanged).toBe(false);
    expect(again.opelChanged).toEqual([]);
    // The day touched and those after it that its figures reach, up to the data clocks.
    expect(again.opelDays).toBe(2);
    expect(again.alertsRaised).toEqual([]);
  });
});
