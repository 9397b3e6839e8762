import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

/*
 * GET /api/journey follows one cohort: the patients who arrived at A&E on the 7 days ending
 * the day before the latest day with arrivals, through how they left A&E to where they are
 * now, linked to their inpatient spell by pseudonym, trust and time.
 */

let t: TestApp;

/** An attendance at R0A01 (trust R0A): arrival, departure (null: still in A&E), disposal. */
function attendance(
  id: string,
  arrived: string,
  departed: string | null,
  disposal: string | null,
  mode: 'ambulance' | 'walk_in',
  patient: string,
  category = '1',
): string {
  const at = (ts: string | null) => (ts === null ? 'NULL' : `TIMESTAMP '${ts}'`);
  return `('${id}', 'R0A', 'R0A01', '01', '${category}', ${at(arrived)}, '${mode}', 'self', false,
    ${at(departed)}, ${disposal === null ? 'NULL' : `'${disposal}'`}, 'White', '${patient}', 1, TIMESTAMP '2024-12-02 10:00')`;
}

beforeAll(async () => {
  t = await makeTestApp();
  const rows: string[] = [];
  // Ten walk-ins who went home from A&E, on the cohort's days (25 Nov – 1 Dec).
  for (let i = 0; i < 10; i++)
    rows.push(
      attendance(
        `home-${i}`,
        `2024-11-${25 + (i % 6)} 10:00`,
        `2024-11-${25 + (i % 6)} 13:00`,
        'discharged',
        'walk_in',
        `p-home-${i}`,
      ),
    );
  // Five ambulance arrivals admitted: three since discharged, two still on a ward.
  for (let i = 0; i < 5; i++)
    rows.push(
      attendance(
        `adm-${i}`,
        `2024-11-28 0${i}:00`,
        `2024-11-28 1${i}:00`,
        'admitted',
        'ambulance',
        `p-adm-${i}`,
      ),
    );
  // One walk-in admitted with no inpatient spell found.
  rows.push(
    attendance('adm-none', '2024-11-29 09:00', '2024-11-29 15:00', 'admitted', 'walk_in', 'p-none'),
  );
  // Two ambulance arrivals on 1 December still in A&E.
  rows.push(attendance('in-ed-0', '2024-12-01 20:00', null, null, 'ambulance', 'p-ed-0'));
  rows.push(attendance('in-ed-1', '2024-12-01 21:00', null, null, 'ambulance', 'p-ed-1'));
  // Not in the cohort: a planned follow-up, the day before it, and the day still running.
  rows.push(
    attendance(
      'follow-up',
      '2024-11-27 10:00',
      '2024-11-27 11:00',
      'discharged',
      'walk_in',
      'p-f',
      '4',
    ),
  );
  rows.push(
    attendance('before', '2024-11-24 10:00', '2024-11-24 12:00', 'discharged', 'walk_in', 'p-b'),
  );
  rows.push(attendance('today', '2024-12-02 08:00', null, null, 'walk_in', 'p-t'));
  await t.warehouse.connection.run(`INSERT INTO ae_attendance (attendance_id, trust_code, site_code,
      department_type, attendance_category, arrived_at, arrival_mode, attendance_source, is_booked,
      departed_at, disposal, ethnic_group, patient_id, source_file_id, ingested_at)
    VALUES ${rows.join(',\n')}`);
  const spell = (
    id: string,
    patient: string,
    trust: string,
    status: string,
    admitted: string,
    discharged: string | null,
  ) =>
    `('${id}', '${patient}', '${trust}', '${trust}01', '${status}', TIMESTAMP '${admitted}',
      ${discharged ? `TIMESTAMP '${discharged}'` : 'NULL'}, TIMESTAMP '${admitted}', TIMESTAMP '2024-12-02 10:00')`;
  await t.warehouse.connection
    .run(`INSERT INTO spell (spell_id, patient_id, trust_code, site_code, status,
      admitted_at, discharged_at, last_event_at, updated_at) VALUES
    ${spell('s0', 'p-adm-0', 'R0A', 'discharged', '2024-11-28 10:30', '2024-11-30 11:00')},
    ${spell('s1', 'p-adm-1', 'R0A', 'discharged', '2024-11-28 11:30', '2024-11-29 11:00')},
    ${spell('s2', 'p-adm-2', 'R0A', 'discharged', '2024-11-28 12:30', '2024-12-01 11:00')},
    ${spell('s3', 'p-adm-3', 'R0A', 'admitted', '2024-11-28 13:30', null)},
    ${spell('s4', 'p-adm-4', 'R0A', 'admitted', '2024-11-28 14:30', null)},
    ${spell('x-trust', 'p-none', 'RW6', 'admitted', '2024-11-29 16:00', null)},
    ${spell('x-cancelled', 'p-none', 'R0A', 'cancelled', '2024-11-29 16:00', null)},
    ${spell('x-earlier', 'p-none', 'R0A', 'discharged', '2024-10-01 16:00', '2024-10-05 16:00')}`);
});
afterAll(() => t.warehouse.close());

interface JourneyRow {
  org_code: string;
  first_day: string;
  last_day: string;
  stage: string;
  category: string;
  patients: number | null;
}

async function journey(query: string, caller = 'analyst'): Promise<JourneyRow[]> {
  const res = await t.app.request(`/api/journey?${query}`, { headers: t.auth(caller) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: JourneyRow[] }).rows;
}

const byStage = (rows: JourneyRow[]) => {
  const stages: Record<string, Record<string, number | null>> = {};
  for (const row of rows) (stages[row.stage] ??= {})[row.category] = row.patients;
  return stages;
};

describe('GET /api/journey', () => {
  it('follows the 7 complete days’ arrivals through A&E to where they are now; every stage adds up', async () => {
    const rows = await journey('org=R0A');
    expect(rows.every((r) => r.first_day === '2024-11-25' && r.last_day === '2024-12-01')).toBe(
      true,
    );
    expect(byStage(rows)).toEqual({
      Arrival: { 'By ambulance': 7, 'Walk-in or other': 11 },
      'Leaving A&E': { 'Left A&E': 10, Admitted: 6, 'Still in A&E': 2 },
      Now: {
        'Left A&E': 10,
        'Discharged from hospital': 3,
        'Still in hospital': 2,
        'Still in A&E': 2,
        'Admitted, no ward record': 1,
      },
    });
    expect([...new Set(rows.map((r) => r.stage))]).toEqual(['Arrival', 'Leaving A&E', 'Now']);
  });

  it('takes the days asked for, and the ICS and site see the same cohort as their trust', async () => {
    const day = byStage(await journey('org=R0A01&to=2024-11-28&days=1'));
    expect(day.Arrival).toEqual({ 'By ambulance': 5, 'Walk-in or other': 2 });
    expect(day.Now).toEqual({
      'Discharged from hospital': 3,
      'Still in hospital': 2,
      'Left A&E': 2,
    });
    expect(byStage(await journey('org=QOP'))).toEqual(byStage(await journey('org=R0A')));
    expect(await journey('org=R0A&to=2024-10-01')).toEqual([]);
  });

  it('controls the counts for the public', async () => {
    const rows = await journey('org=R0A', 'public');
    expect(byStage(rows).Arrival).toEqual({ 'By ambulance': null, 'Walk-in or other': 10 });
    for (const row of rows)
      if (row.patients !== null) expect(row.patients % 5 === 0 && row.patients !== 5).toBe(true);
  });

  it('answers 404 for an organisation outside the caller’s scope', async () => {
    const res = await t.app.request('/api/journey?org=RW6', { headers: t.auth('analyst_qop') });
    expect(res.status).toBe(404);
  });
});
