import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../../../pipelines/indicators/alerts/acknowledge-alert.js';
import { evaluateAlerts } from '../../../../pipelines/indicators/alerts/evaluate-alerts.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { insertReference } from '../fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let db: DuckDBConnection;
const settings = { alerts: { arrivalCapacityPerHour: { RZA01: 30 } } };
const at = (time: string) => ({ now: new Date(`2025-11-04T${time}:00Z`), log: quiet, settings });

async function alerts() {
  const reader = await db.runAndReadAll(
    `SELECT alert_id, rule, episode_key, status, acknowledged_by FROM alert ORDER BY alert_id`,
  );
  return reader.getRowObjectsJS().map((row) => ({
    alert_id: Number(row.alert_id),
    rule: String(row.rule),
    episode_key: String(row.episode_key),
    status: String(row.status),
    acknowledged_by: row.acknowledged_by,
  }));
}

async function loaded(time: string): Promise<void> {
  await db.run(
    `INSERT INTO ingest_file (feed, file_name, sha256, bytes, status, received_at, loaded_at)
     VALUES ('ae', $1, $1, 10, 'loaded', $2::TIMESTAMP, $2::TIMESTAMP)`,
    [`ae-${time}`, `2025-11-04 ${time}:00`],
  );
}

async function opel(org: string, time: string, level: number): Promise<void> {
  await db.run(`INSERT INTO opel_level VALUES ($1, $2::TIMESTAMP, $3, $3, '[]')`, [
    org,
    `2025-11-04 ${time}:00`,
    level,
  ]);
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  await insertReference(db);
  await loaded('10:00');
  await opel('RZA', '09:00', 2);
  await opel('RZA', '10:00', 3);
  await db.run(
    `INSERT INTO indicator_value VALUES
       ('ae_4h_performance', 'RZA', 'month', TIMESTAMP '2025-10-01', 'total', 'all', 700, 1000, 0.70, NULL, NULL),
       ('ae_4h_performance', 'QZZ', 'month', TIMESTAMP '2025-10-01', 'total', 'all', 800, 1000, 0.80, NULL, NULL),
       ('ae_4h_performance', 'Y63', 'month', TIMESTAMP '2025-10-01', 'total', 'all', 600, 1000, 0.60, NULL, NULL)`,
  );
  // RZB: 30 steady days around 80%, then a fall far below the lower limit.
  await db.run(
    `INSERT INTO indicator_value
     SELECT 'ae_4h_performance', 'RZB', 'day', TIMESTAMP '2025-10-01' + to_days(CAST(i AS INTEGER)), 'total', 'all',
       NULL, NULL, CASE WHEN i = 30 THEN 0.4 ELSE 0.8 + 0.02 * ((i * 7) % 5 - 2) END, NULL, NULL
     FROM range(0, 31) t(i)`,
  );
  await db.run(
    `INSERT INTO forecast
     SELECT 'RZA01', 'arrivals', TIMESTAMP '2025-11-04 10:00:00', TIMESTAMP '2025-11-04 10:00:00' + to_hours(CAST(h AS INTEGER)),
       CASE WHEN h = 5 THEN 45 ELSE 12 END, 8, 16, 6, 20
     FROM range(1, 73) t(h)`,
  );
});

afterAll(() => warehouse.close());

describe('evaluateAlerts(connection, effects)', () => {
  it('raises one alert per condition, with its evidence', async () => {
    const result = await evaluateAlerts(db, at('11:30'));
    expect(result.raised.map((alert) => alert.episode_key).sort()).toEqual([
      'forecast_over_capacity:RZA01',
      'opel_up:RZA:3',
      'spc_concern:ae_4h_performance:RZB',
      'target_breach:ae_4h_performance:RZA',
    ]);
    const spc = result.raised.find((alert) => alert.rule === 'spc_concern');
    expect(spc?.evidence).toMatchObject({
      value: 0.4,
      rules: expect.arrayContaining(['outside_limits']),
    });
    const target = result.raised.find((alert) => alert.rule === 'target_breach');
    expect(target?.evidence).toMatchObject({ period: '2025-10-01', value: 0.7, target: 0.78 });
    expect(target?.title).toBe(
      'Target missed at RZA in October 2025: A&E 4-hour performance (all types) — target 78% by March 2025 (2025/26 plan)',
    );
    const forecast = result.raised.find((alert) => alert.rule === 'forecast_over_capacity');
    expect(forecast?.evidence).toMatchObject({ capacity: 30, hours_over: 1, peak_mean: 45 });
    expect(forecast?.title).toMatch(
      /^Forecast arrivals at RZA01 exceed capacity from \w{3} \d{1,2} \w{3}, \d\d:\d\d \(1 h over\)$/,
    );
  });

  it('does not raise an open episode twice', async () => {
    const result = await evaluateAlerts(db, at('11:45'));
    expect(result).toEqual({ raised: [], resolved: [] });
    expect(await alerts()).toHaveLength(4);
  });

  it('raises a late feed once and resolves it when a file lands', async () => {
    const late = await evaluateAlerts(db, at('12:30'));
    expect(late.raised.map((alert) => alert.episode_key)).toEqual(['feed_late:ae']);
    expect((await evaluateAlerts(db, at('12:45'))).raised).toEqual([]);
    const id = late.raised[0].alert_id;
    await acknowledgeAlert(db, id, 'duty manager', new Date('2025-11-04T12:46:00Z'));
    expect((await evaluateAlerts(db, at('12:47'))).raised).toEqual([]);
    await loaded('12:50');
    const cleared = await evaluateAlerts(db, at('12:55'));
    expect(cleared.resolved).toEqual([id]);
    expect((await alerts()).find((alert) => alert.alert_id === id)).toMatchObject({
      status: 'resolved',
      acknowledged_by: 'duty manager',
    });
    const again = await evaluateAlerts(db, at('15:00'));
    expect(again.raised.map((alert) => alert.episode_key)).toEqual(['feed_late:ae']);
    expect(again.raised[0].alert_id).not.toBe(id);
  });

  it('resolves the OPEL episode when the level falls', async () => {
    await opel('RZA', '15:10', 2);
    const result = await evaluateAlerts(db, at('15:15'));
    const opelAlert = (await alerts()).find((alert) => alert.episode_key === 'opel_up:RZA:3');
    expect(result.resolved).toContain(opelAlert?.alert_id);
    expect(opelAlert?.status).toBe('resolved');
  });
});

describe('acknowledgeAlert(connection, alertId, by, now)', () => {
  it('refuses unknown and resolved alerts with a message saying which', async () => {
    await expect(acknowledgeAlert(db, 999, 'x', new Date())).rejects.toThrow(
      'alert 999 does not exist',
    );
    const resolved = (await alerts()).find((alert) => alert.status === 'resolved');
    await expect(acknowledgeAlert(db, resolved?.alert_id ?? 0, 'x', new Date())).rejects.toThrow(
      /already resolved/,
    );
  });
});
