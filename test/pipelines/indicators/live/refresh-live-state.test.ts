import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshLiveState } from '../../../../pipelines/indicators/live/refresh-live-state.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { insertReference } from '../fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let db: DuckDBConnection;

async function attendance(
  id: string,
  arrived: string,
  departed: string | null,
  options: { ambulanceHandover?: string; category?: string } = {},
): Promise<void> {
  await db.run(
    `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type, attendance_category,
       arrived_at, arrival_mode, attendance_source, is_booked, ambulance_handover_at, departed_at,
       ethnic_group, source_file_id, ingested_at)
     VALUES ($1, 'RZA', 'RZA01', '01', $2, $3::TIMESTAMP, $4, 'self', false, $5::TIMESTAMP, $6::TIMESTAMP,
       'Unknown', 1, TIMESTAMP '2025-11-04 22:00:00')`,
    [
      id,
      options.category ?? '1',
      arrived,
      options.ambulanceHandover ? 'ambulance' : 'walk_in',
      options.ambulanceHandover ?? null,
      departed,
    ],
  );
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  await insertReference(db);
  await attendance('A1', '2025-11-04 08:00:00', null);
  await attendance('A2', '2025-11-04 20:30:00', null, { ambulanceHandover: '2025-11-04 21:00:00' });
  await attendance('A3', '2025-11-04 10:00:00', '2025-11-04 13:00:00');
  await attendance('A4', '2025-11-04 09:00:00', '2025-11-04 21:00:00', {
    ambulanceHandover: '2025-11-04 09:45:00',
  });
  await attendance('A5', '2025-11-03 06:00:00', '2025-11-04 19:00:00');
  await attendance('A6', '2025-11-01 00:00:00', null);
  await attendance('A7', '2025-11-04 20:45:00', null, { category: '4' });
  for (const [date, escalation] of [
    ['2025-11-03', 2],
    ['2025-11-04', 3],
    ['2025-11-05', 9],
  ] as const) {
    await db.run(
      `INSERT INTO bed_sitrep VALUES ($1::DATE, 'RZA', 'RZA01', 'adult_ga', 20, $2, 18, 0, NULL, NULL, NULL, 1, NULL, TIMESTAMP '2025-11-04', 1)`,
      [date, escalation],
    );
  }
  const spells: Array<[string, string, string]> = [
    ['S1', 'admitted', 'RZA01-W1'],
    ['S2', 'admitted', 'RZA01-W1'],
    ['S3', 'admitted', 'RZA01-W1'],
    ['S4', 'admitted', 'RZA01-W2'],
    ['S5', 'discharged', 'RZA01-W1'],
  ];
  for (const [id, status, ward] of spells) {
    await db.run(
      `INSERT INTO spell (spell_id, trust_code, site_code, status, admitted_at, ward_code, last_event_at, updated_at)
       VALUES ($1, 'RZA', 'RZA01', $2, TIMESTAMP '2025-11-01 10:00:00', $3, TIMESTAMP '2025-11-04 18:00:00', TIMESTAMP '2025-11-04 18:00:00')`,
      [id, status, ward],
    );
    await db.run(
      `INSERT INTO ward_stay VALUES ($1, $2, NULL, TIMESTAMP '2025-11-01 10:00:00', $3::TIMESTAMP)`,
      [id, ward, status === 'discharged' ? '2025-11-03 12:00:00' : null],
    );
  }
  for (const [id, ready, discharged] of [
    ['S1', '2025-11-02', null],
    ['S2', '2025-11-05', null],
    ['S5', '2025-11-01', '2025-11-03 12:00:00'],
  ] as const) {
    await db.run(
      `INSERT INTO discharge (spell_id, trust_code, site_code, admitted_at, ready_date, discharged_at, source_file_id, ingested_at)
       VALUES ($1, 'RZA', 'RZA01', TIMESTAMP '2025-11-01 10:00:00', $2::DATE, $3::TIMESTAMP, 1, TIMESTAMP '2025-11-04')`,
      [id, ready, discharged],
    );
  }
});

afterAll(() => warehouse.close());

describe('refreshLiveState(connection, effects)', () => {
  it('gives each site its state at the data clock', async () => {
    const result = await refreshLiveState(db, {
      now: new Date('2025-11-04T21:05:00Z'),
      log: quiet,
    });
    expect(result.changedSites).toEqual(['RZA01']);
    const reader = await db.runAndReadAll(`SELECT * EXCLUDE (updated_at) FROM live_site`);
    expect(reader.getRowObjectsJS()).toEqual([
      {
        site_code: 'RZA01',
        trust_code: 'RZA',
        ics_code: 'QZZ',
        as_at: new Date('2025-11-04T21:00:00Z'),
        in_department: 2,
        longest_wait_minutes: 780,
        over_12h_in_department: 1,
        arrivals_last_hour: 1,
        ambulance_arrivals_last_hour: 1,
        handovers_over_30_today: 1,
        four_hour_performance_today: 1 / 3,
        twelve_hour_waits_today: 1,
        ga_beds_core: 30,
        ga_beds_escalation_open: 3,
        ga_beds_occupied: 4,
        ga_beds_free: 29,
        nctr_patients: 1,
      },
    ]);
  });

  it('gives each ward its occupied and free beds', async () => {
    const reader = await db.runAndReadAll(
      `SELECT ward_code, core_beds, occupied, free FROM live_ward WHERE site_code = 'RZA01' ORDER BY ward_code`,
    );
    expect(reader.getRowObjectsJS()).toEqual([
      { ward_code: 'RZA01-W1', core_beds: 20, occupied: 3, free: 17 },
      { ward_code: 'RZA01-W2', core_beds: 10, occupied: 1, free: 9 },
    ]);
  });

  it('reports no change when nothing new has landed', async () => {
    const result = await refreshLiveState(db, {
      now: new Date('2025-11-04T21:10:00Z'),
      log: quiet,
    });
    expect(result).toEqual({ changedSites: [], changedWards: [] });
  });
});
