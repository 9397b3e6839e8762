import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readScenarioSeed,
  type ScenarioSeed,
  type SeedSite,
} from '../../../pipelines/scenario/index.js';
import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import { adtMessage, loadAdtText, nhsNumber } from '../feeds/adt/adt-test-kit.js';
import { hl7Time, openScenarioSite, sqlTime } from './scenario-site-kit.js';

// A site whose A&E feed has a month of history and whose ADT feed began 10 days before the
// scenario's start, as a real feed does when first switched on: its first hour carries a census,
// an A01 sent in the feed's first minutes for each patient already in a bed with the original
// admission time in PV1-44. Ten patients were in beds then, all admitted inside the 28-day
// window, five of them through the ED. After the feed began: three ED admissions and four
// admissions from elsewhere.

const hour = 3_600_000;
const day = 24 * hour;
const at = Date.parse('2025-02-20T00:00:00Z');
const feedFrom = Date.parse('2025-02-10T00:00:00Z');
const aeFrom = Date.parse('2025-01-20T00:00:00Z');

const census = Array.from({ length: 10 }, (_, i) => ({
  visit: `C${i}`,
  admittedAt: Date.parse('2025-01-26T06:00:00Z') + i * 1.5 * day,
  // the first four leave during the window, the rest are still in at the start
  dischargedAt: i < 4 ? feedFrom + (i + 1) * day : null,
  viaEd: i < 5,
}));
const afterFeed = [
  ...[1, 3, 5].map((d, i) => ({
    visit: `E${i}`,
    admittedAt: feedFrom + d * day + 9 * hour,
    viaEd: true,
  })),
  ...[2, 4, 6, 8].map((d, i) => ({
    visit: `O${i}`,
    admittedAt: feedFrom + d * day + 14 * hour,
    viaEd: false,
  })),
];

function adtText(): string {
  let id = 0;
  const message = (spec: Parameters<typeof adtMessage>[0]) =>
    adtMessage({ ...spec, site: 'XT101' });
  const messages: string[] = [];
  census.forEach((spell, i) =>
    messages.push(
      message({
        event: 'A01',
        id: `XT101C${spell.visit}`,
        at: hl7Time(feedFrom + i * 60_000),
        visit: spell.visit,
        nhs: nhsNumber(i + 1),
        ward: i % 2 === 0 ? 'W1' : 'W2',
        admit: hl7Time(spell.admittedAt),
      }),
    ),
  );
  afterFeed.forEach((spell, i) =>
    messages.push(
      message({
        event: 'A01',
        id: `M${++id}`,
        at: hl7Time(spell.admittedAt),
        visit: spell.visit,
        nhs: nhsNumber(100 + i),
        ward: 'W1',
        admit: hl7Time(spell.admittedAt),
      }),
    ),
  );
  census.forEach((spell, i) => {
    if (spell.dischargedAt === null) return;
    messages.push(
      message({
        event: 'A03',
        id: `M${++id}`,
        at: hl7Time(spell.dischargedAt),
        visit: spell.visit,
        nhs: nhsNumber(i + 1),
        ward: i % 2 === 0 ? 'W1' : 'W2',
        admit: hl7Time(spell.admittedAt),
        discharge: hl7Time(spell.dischargedAt),
      }),
    );
  });
  return messages.join('\r');
}

/** A&E: an attendance admitted for each ED admission (the walk-ins come with the site). */
async function loadAe(warehouse: Warehouse): Promise<void> {
  const admitted = [...census, ...afterFeed].filter((s) => s.viaEd);
  for (const spell of admitted) {
    await warehouse.connection.run(
      `INSERT INTO ae_attendance (attendance_id, trust_code, site_code, department_type,
         attendance_category, arrived_at, arrival_mode, attendance_source, is_booked,
         decided_to_admit_at, departed_at, disposal, ethnic_group, source_file_id, ingested_at)
       VALUES ($1, 'XT1', 'XT101', '01', '1', $2::TIMESTAMP - INTERVAL 4 HOUR, 'walk_in', 'self',
         false, $2::TIMESTAMP - INTERVAL 1 HOUR, $2::TIMESTAMP, 'admitted', 'Unknown', 0, $3::TIMESTAMP)`,
      [`A${spell.visit}`, sqlTime(spell.admittedAt), sqlTime(at)],
    );
  }
}

let warehouse: Warehouse;
let seed: ScenarioSeed;
let site: SeedSite;
beforeAll(async () => {
  warehouse = await openScenarioSite(aeFrom, at);
  await loadAe(warehouse);
  await loadAdtText(warehouse.connection, adtText(), new Date(at));
  seed = await readScenarioSeed(warehouse.connection, {
    at: new Date(at),
    hours: 24,
    ics: ['XQT'],
  });
  site = seed.sites.find((s) => s.site_code === 'XT101')!;
});
afterAll(() => warehouse?.close());

const fit = (distribution: string) =>
  seed.fitted.find((f) => f.site_code === 'XT101' && f.distribution.startsWith(distribution))!;

describe('readScenarioSeed(connection, options) when the ADT feed began inside the fitting window', () => {
  it('counts as admissions from elsewhere only those the feed saw, never its census, per hour of the feed', () => {
    // 7 spells entered G&A after the feed began, 3 of them ED admissions: 4 others in 240 hours
    expect(site.other_admissions_per_hour).toBeCloseTo(4 / 240, 12);
    expect(site.ward_share).toBe(1);
    expect(fit('G&A admissions').observations).toBe(7);
  });

  it('fits what reads the wards from the feed’s start, and says it covers 10 days', () => {
    for (const name of ['G&A admissions', 'G&A stay hours', 'pathway 0 delay hours']) {
      expect(fit(name).window_from).toBe(new Date(feedFrom).toISOString());
      expect(fit(name).window_days).toBe(10);
    }
    expect(fit('G&A stay hours').observations).toBe(4);
  });

  it('keeps the full 28 days for the ED behaviour, which its A&E history covers', () => {
    expect(fit('ED minutes to decision to admit').window_from).toBe(
      new Date(at - 28 * day).toISOString(),
    );
    expect(fit('ED minutes to decision to admit').window_days).toBe(28);
  });

  it('starts with the census patients still in beds, their stays counted from admission', () => {
    const stillIn = census.filter((s) => s.dischargedAt === null);
    expect(site.inpatients).toHaveLength(stillIn.length + afterFeed.length);
    const stayed = site.inpatients.map((p) => p.stayed_hours).sort((a, b) => b - a);
    expect(stayed.slice(0, stillIn.length)).toEqual(
      stillIn.map((s) => (at - s.admittedAt) / hour).sort((a, b) => b - a),
    );
  });
});
