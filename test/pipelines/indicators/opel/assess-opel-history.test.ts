import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillSiteAsAt } from '../../../../pipelines/indicators/live/fill-site-as-at.js';
import { refreshLiveState } from '../../../../pipelines/indicators/live/refresh-live-state.js';
import { modelSql } from '../../../../pipelines/indicators/model-sql.js';
import { refreshIndicators } from '../../../../pipelines/indicators/refresh-indicators.js';
import { assessOpelHistory } from '../../../../pipelines/indicators/opel/assess-opel-history.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { insertReference } from '../fixture.js';

const quiet = { info() {}, warn() {}, error() {} };

async function attendance(
  db: DuckDBConnection,
  id: string,
  site: string,
  arrived: string,
  departed: string | null,
  options: { handover?: string; category?: string } = {},
): Promise<void> {
  await db.run(
    `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type, attendance_category,
       arrived_at, arrival_mode, attendance_source, is_booked, ambulance_handover_at, departed_at,
       ethnic_group, source_file_id, ingested_at)
     VALUES ($1, $2, $3, '01', $4, $5::TIMESTAMP, $6, 'self', false, $7::TIMESTAMP, $8::TIMESTAMP,
       'Unknown', 1, TIMESTAMP '2025-11-06 00:00:00')`,
    [
      id,
      site.slice(0, 3),
      site,
      options.category ?? '1',
      arrived,
      options.handover ? 'ambulance' : 'walk_in',
      options.handover ?? null,
      departed,
    ],
  );
}

/** A spell and its ward stays ([ward, from, to]); status and ward as the ADT feed leaves them. */
async function spell(
  db: DuckDBConnection,
  id: string,
  stays: Array<[string, string, string | null]>,
): Promise<void> {
  const last = stays[stays.length - 1]!;
  await db.run(
    `INSERT INTO spell (spell_id, trust_code, site_code, status, admitted_at, discharged_at, ward_code,
       last_event_at, updated_at)
     VALUES ($1, 'RZA', 'RZA01', $2, $3::TIMESTAMP, $4::TIMESTAMP, $5, $3::TIMESTAMP, $3::TIMESTAMP)`,
    [id, last[2] === null ? 'admitted' : 'discharged', stays[0]![1], last[2], last[0]],
  );
  for (const [ward, from, to] of stays) {
    await db.run(`INSERT INTO ward_stay VALUES ($1, $2, NULL, $3::TIMESTAMP, $4::TIMESTAMP)`, [
      id,
      ward,
      from,
      to,
    ]);
  }
}

async function nctr(
  db: DuckDBConnection,
  id: string,
  admitted: string,
  ready: string,
  discharged: string | null,
): Promise<void> {
  await db.run(
    `INSERT INTO discharge (spell_id, trust_code, site_code, admitted_at, ready_date, discharged_at,
       source_file_id, ingested_at)
     VALUES ($1, 'RZA', 'RZA01', $2::TIMESTAMP, $3::DATE, $4::TIMESTAMP, 1, TIMESTAMP '2025-11-06')`,
    [id, admitted, ready, discharged],
  );
}

async function sitrep(
  db: DuckDBConnection,
  date: string,
  bedType: string,
  escalation: number,
): Promise<void> {
  await db.run(
    `INSERT INTO bed_sitrep VALUES ($1::DATE, 'RZA', 'RZA01', $2, 20, $3, 18, 0, NULL, NULL, NULL, 1, NULL,
       TIMESTAMP '2025-11-06', 1)`,
    [date, bedType, escalation],
  );
}

async function rows(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS();
}

describe('site-state-as-at.sql', () => {
  let warehouse: Warehouse;
  let db: DuckDBConnection;
  beforeAll(async () => {
    warehouse = await openWarehouse(':memory:');
    db = warehouse.connection;
    await insertReference(db);
    await db.run(
      `INSERT INTO ward VALUES ('RZA01-CC', 'RZA01', 'Critical care', 'adult_cc', 5, 0)`,
    );
    // 4 November 2025 is GMT: local times are UTC.
    await attendance(db, 'A1', 'RZA01', '2025-11-03 18:00:00', '2025-11-04 09:00:00');
    await attendance(db, 'A2', 'RZA01', '2025-11-04 07:30:00', '2025-11-04 10:00:00', {
      handover: '2025-11-04 07:50:00',
    });
    await attendance(db, 'A3', 'RZA01', '2025-11-04 07:20:00', '2025-11-04 12:00:00', {
      handover: '2025-11-04 08:30:00',
    });
    await attendance(db, 'A4', 'RZA01', '2025-11-04 12:00:00', '2025-11-04 16:00:00');
    await attendance(db, 'A5', 'RZA01', '2025-11-04 19:30:00', null, {
      handover: '2025-11-04 20:10:00',
    });
    await attendance(db, 'A6', 'RZA01', '2025-11-01 06:00:00', null);
    await attendance(db, 'A7', 'RZA01', '2025-11-04 07:00:00', '2025-11-04 09:00:00', {
      category: '4',
    });
    await spell(db, 'S1', [['RZA01-W1', '2025-11-01 10:00:00', '2025-11-04 12:00:00']]);
    await spell(db, 'S2', [
      ['RZA01-W1', '2025-11-03 09:00:00', '2025-11-04 20:00:00'],
      ['RZA01-W2', '2025-11-04 20:00:00', null],
    ]);
    await spell(db, 'S3', [['RZA01-W1', '2025-11-04 10:00:00', null]]);
    await spell(db, 'S4', [['RZA01-CC', '2025-11-04 06:00:00', null]]);
    await spell(db, 'S5', [['RZA01-W1', '2025-11-04 21:00:00', null]]);
    await nctr(db, 'S1', '2025-11-01 10:00:00', '2025-11-03', '2025-11-04 12:00:00');
    await nctr(db, 'S2', '2025-11-03 09:00:00', '2025-11-05', null);
    await nctr(db, 'S6', '2025-11-04 09:00:00', '2025-11-04', null);
    await sitrep(db, '2025-11-04', 'adult_ga', 3);
    await sitrep(db, '2025-11-04', 'paed_ga', 1);
    await sitrep(db, '2025-11-05', 'adult_ga', 5);
    await fillSiteAsAt(
      db,
      `VALUES ('RZA01', TIMESTAMP '2025-11-04 08:00:00'), ('RZA01', TIMESTAMP '2025-11-05 08:00:00'),
              ('RZB01', TIMESTAMP '2025-11-04 08:00:00')`,
    );
  });
  afterAll(() => warehouse.close());

  it('gives each site its state as at each time, counting nothing that happened after it', async () => {
    const state = await rows(db, modelSql('site-state-as-at.sql'));
    const common = { trust_code: 'RZA', ics_code: 'QZZ', ga_beds_core: 30 };
    expect(state).toEqual([
      {
        ...common,
        site_code: 'RZA01',
        as_at: new Date('2025-11-04T08:00:00Z'),
        // A1 (14 h, over 12), A2, A3; not A6 (arrived over 72 h before), nor A7 (planned).
        in_department: 3,
        longest_wait_minutes: 840,
        over_12h_in_department: 1,
        arrivals_last_hour: 2,
        ambulance_arrivals_last_hour: 2,
        // A3's 70-minute handover is not done at 08:00.
        handovers_over_30_today: 0,
        four_hour_performance_today: null,
        twelve_hour_waits_today: 0,
        ga_beds_escalation_open: 4,
        // S1 and S2 on W1; not S4 (critical care) nor S3 and S5 (admitted later).
        ga_beds_occupied: 2,
        ga_beds_free: 32,
        // S1 (ready the day before); not S2 (ready tomorrow) nor S6 (admitted at 09:00).
        nctr_patients: 1,
      },
      {
        ...common,
        site_code: 'RZA01',
        as_at: new Date('2025-11-05T08:00:00Z'),
        in_department: 1,
        longest_wait_minutes: 750,
        over_12h_in_department: 1,
        arrivals_last_hour: 0,
        ambulance_arrivals_last_hour: 0,
        handovers_over_30_today: 0,
        four_hour_performance_today: null,
        twelve_hour_waits_today: 0,
        ga_beds_escalation_open: 5,
        // S2 moved to W2 (paediatric G&A), S3, S5.
        ga_beds_occupied: 3,
        ga_beds_free: 32,
        nctr_patients: 2,
      },
      {
        site_code: 'RZB01',
        trust_code: 'RZB',
        ics_code: 'QZZ',
        as_at: new Date('2025-11-04T08:00:00Z'),
        in_department: 0,
        longest_wait_minutes: null,
        over_12h_in_department: 0,
        arrivals_last_hour: 0,
        ambulance_arrivals_last_hour: 0,
        handovers_over_30_today: 0,
        four_hour_performance_today: null,
        twelve_hour_waits_today: 0,
        ga_beds_core: 15,
        ga_beds_escalation_open: null,
        ga_beds_occupied: 0,
        ga_beds_free: 15,
        nctr_patients: null,
      },
    ]);
  });

  it('feeds OPEL the handovers done by each time, of the arrivals in the window before it', async () => {
    await db.run(`CREATE OR REPLACE TEMP TABLE _site_state AS ${modelSql('site-state-as-at.sql')}`);
    const reader = await db.runAndReadAll(
      `SELECT site_code, strftime(as_at, '%d %H:%M') AS at, handovers, handover_minutes
       FROM (${modelSql('opel-parameters.sql')})`,
      [24],
    );
    const figures = reader.getRowObjectsJS();
    expect(figures).toEqual([
      // A2 (20 minutes); A3's handover is after 08:00.
      { site_code: 'RZA01', at: '04 08:00', handovers: 1n, handover_minutes: 20 },
      // A5 (40 minutes); A2 and A3 arrived over 24 hours before.
      { site_code: 'RZA01', at: '05 08:00', handovers: 1n, handover_minutes: 40 },
      { site_code: 'RZB01', at: '04 08:00', handovers: 0n, handover_minutes: null },
    ]);
  });
});

describe('assessOpelHistory(connection, touched, effects)', () => {
  let warehouse: Warehouse;
  let db: DuckDBConnection;
  const effects = { now: new Date('2025-10-31T12:00:00Z'), log: quiet, settings: {} };
  const stored = () =>
    rows(
      db,
      `SELECT org_code, strftime(day, '%Y-%m-%d') AS day, strftime(assessed_at, '%Y-%m-%d %H:%M') AS at,
         level, score, CAST(drivers AS VARCHAR) AS drivers
       FROM opel_daily ORDER BY day, org_code`,
    );
  const over12hShare = async (org: string) =>
    (await stored())
      .filter((row) => row.org_code === org)
      .map((row) => {
        const drivers = JSON.parse(String(row.drivers)) as Array<{
          parameter: string;
          value: number;
        }>;
        return [row.day, drivers.find((d) => d.parameter === 'ed_over_12h_share')?.value ?? null];
      });

  beforeAll(async () => {
    warehouse = await openWarehouse(':memory:');
    db = warehouse.connection;
    await insertReference(db);
    // The clocks go back at 02:00 BST on Sunday 26 October 2025: 08:00 local is 07:00 UTC before.
    await attendance(db, 'B1', 'RZA01', '2025-10-23 10:00:00', '2025-10-23 11:00:00');
    // In the department from Saturday 10:00 BST (09:00 UTC) to Tuesday 09:00.
    await attendance(db, 'B2', 'RZA01', '2025-10-25 09:00:00', '2025-10-28 09:00:00');
    await attendance(db, 'B3', 'RZA01', '2025-10-27 22:00:00', '2025-10-28 10:00:00');
    await attendance(db, 'B4', 'RZA01', '2025-10-30 09:00:00', '2025-10-30 10:00:00');
    await attendance(db, 'B5', 'RZB01', '2025-10-24 10:00:00', '2025-10-29 12:00:00');
    // As a refresh runs them: the indicators (which keep site_coverage), then the live state.
    await refreshIndicators(db, 'all', effects);
    await refreshLiveState(db, effects);
  });
  afterAll(() => warehouse.close());

  it('assesses each trust and the ICS at 08:00 local of every day from a day after the first arrival to the last every trust has data past', async () => {
    const result = await assessOpelHistory(db, 'all', effects);
    // The first arrival is 23 October 10:00 UTC; RZB's data clock, 29 October 12:00.
    expect(result.days).toEqual(
      ['2025-10-25', '2025-10-26', '2025-10-27', '2025-10-28', '2025-10-29'].map((day) => ({
        ics_code: 'QZZ',
        day,
      })),
    );
    expect(result.rows).toBe(15);
    const history = await stored();
    expect([...new Set(history.map((row) => `${String(row.day)} ${String(row.at)}`))]).toEqual([
      '2025-10-25 2025-10-25 07:00',
      '2025-10-26 2025-10-26 08:00',
      '2025-10-27 2025-10-27 08:00',
      '2025-10-28 2025-10-28 08:00',
      '2025-10-29 2025-10-29 08:00',
    ]);
    expect(history.filter((row) => row.day === '2025-10-27').map((row) => row.org_code)).toEqual([
      'QZZ',
      'RZA',
      'RZB',
    ]);
    // B2 is in RZA's department from 25 October 09:00 UTC: not yet at 07:00 UTC, then over
    // 12 hours; B3 joins it on the 28th.
    expect(await over12hShare('RZA')).toEqual([
      ['2025-10-25', null],
      ['2025-10-26', 1],
      ['2025-10-27', 1],
      ['2025-10-28', 0.5],
      ['2025-10-29', null],
    ]);
  });

  it('assesses again only the days a load can change, and the days not assessed yet', async () => {
    const before = await stored();
    await attendance(db, 'B6', 'RZA01', '2025-10-26 06:00:00', '2025-10-26 09:00:00');
    const touched = { siteDays: [{ site_code: 'RZA01', day: '2025-10-26' }], months: [] };
    const result = await assessOpelHistory(db, touched, effects);
    // The 26th to the 29th (three days on, up to RZB's clock).
    expect(result.days.map((d) => d.day)).toEqual([
      '2025-10-26',
      '2025-10-27',
      '2025-10-28',
      '2025-10-29',
    ]);
    const after = await stored();
    expect(after.filter((row) => row.day === '2025-10-25')).toEqual(
      before.filter((row) => row.day === '2025-10-25'),
    );
    expect((await over12hShare('RZA')).find(([day]) => day === '2025-10-26')).toEqual([
      '2025-10-26',
      0.5,
    ]);

    // RZB's data runs on to 31 October: the 30th and 31st are new days.
    await attendance(db, 'B7', 'RZB01', '2025-10-31 09:00:00', null);
    await attendance(db, 'B8', 'RZA01', '2025-10-31 10:00:00', null);
    await refreshLiveState(db, effects);
    const none = { siteDays: [], months: [] };
    expect((await assessOpelHistory(db, none, effects)).days.map((d) => d.day)).toEqual([
      '2025-10-30',
      '2025-10-31',
    ]);
    expect(await assessOpelHistory(db, none, effects)).toEqual({ days: [], rows: 0 });
    expect((await stored()).length).toBe(21);
  });
});
