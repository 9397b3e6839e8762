import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHourlyCounts } from '../../../../pipelines/indicators/forecast-model/index.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  const rows: Array<[string, string, string, string, string | null]> = [
    ['a1', 'R0A01', '1', '2025-10-26 00:10:00', null],
    ['a2', 'R0A01', '1', '2025-10-26 00:50:00', '2025-10-26 04:20:00'],
    ['a3', 'R0A01', '4', '2025-10-26 00:30:00', null],
    ['a4', 'R0A02', '1', '2025-10-26 01:05:00', '2025-10-26 04:59:00'],
    ['a5', 'R0A02', '1', '2025-10-26 03:00:00', null],
  ];
  for (const [id, site, category, arrived, admitted] of rows) {
    await warehouse.connection.run(
      `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type,
         attendance_category, arrived_at, arrival_mode, attendance_source, is_booked,
         departed_at, disposal, ethnic_group, source_file_id, ingested_at)
       VALUES ($1, 'R0A', $2, '01', $3, $4::TIMESTAMP, 'walk_in', 'self', false,
         $5::TIMESTAMP, $6, 'Unknown', 1, now())`,
      [id, site, category, arrived, admitted, admitted ? 'admitted' : 'discharged'],
    );
  }
});

afterAll(() => warehouse.close());

describe('readHourlyCounts(connection, measure)', () => {
  it('counts arrivals per site and UTC hour, leaving out planned follow-ups', async () => {
    const bySite = await readHourlyCounts(warehouse.connection, 'arrivals');
    expect(bySite.get('R0A01')).toEqual([
      { hour_start: new Date('2025-10-26T00:00:00Z'), count: 2 },
    ]);
    expect(bySite.get('R0A02')).toEqual([
      { hour_start: new Date('2025-10-26T01:00:00Z'), count: 1 },
      { hour_start: new Date('2025-10-26T03:00:00Z'), count: 1 },
    ]);
  });

  it('counts admissions by the hour they left A&E', async () => {
    const bySite = await readHourlyCounts(warehouse.connection, 'admissions');
    expect([...bySite.keys()]).toEqual(['R0A01', 'R0A02']);
    expect(bySite.get('R0A02')).toEqual([
      { hour_start: new Date('2025-10-26T04:00:00Z'), count: 1 },
    ]);
  });
});
