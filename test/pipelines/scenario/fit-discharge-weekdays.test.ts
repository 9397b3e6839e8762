import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readScenarioSeed,
  type ScenarioSeed,
  type SeedSite,
} from '../../../pipelines/scenario/index.js';
import { weekdayExposure } from '../../../pipelines/scenario/fit-discharge-weekdays.js';
import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import { adtMessage, loadAdtText, nhsNumber } from '../feeds/adt/adt-test-kit.js';
import { hl7Time, openScenarioSite } from './scenario-site-kit.js';

// A site whose ADT feed covers the whole 28-day window (4 of each day of the week, in GMT) and
// which discharged, every week, 3 patients on Monday, 4 on Tuesday, Wednesday and Thursday, 5 on
// Friday and 2 on Saturday and Sunday: 24 a week, 96 in all, none with a discharge record (so none
// waited past a ready date). By hand, the daily rate over the week's mean (24/7) is 7/8, 7/6,
// 7/6, 7/6, 35/24, 7/12, 7/12; the carry (days' worth waiting from the day before, least 0) is
// 5/6, 23/24, 19/24, 5/8, 11/24, 0, 5/12, so the go shares are rate / (1 + carry).

const hour = 3_600_000;
const day = 24 * hour;
const at = Date.parse('2025-02-20T00:00:00Z'); // a Thursday
const perWeekday = [3, 4, 4, 4, 5, 2, 2]; // Monday first

const spells: Array<{ admittedAt: number; dischargedAt: number }> = [];
for (let d = 28; d >= 1; d--) {
  const date = at - d * day;
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  for (let i = 0; i < perWeekday[weekday]; i++)
    spells.push({
      admittedAt: date - 2 * day + 8 * hour + i * hour,
      dischargedAt: date + 14 * hour,
    });
}

function adtText(): string {
  const messages: string[] = [];
  const message = (spec: Parameters<typeof adtMessage>[0]) =>
    adtMessage({ ...spec, site: 'XT101' });
  spells.forEach((spell, i) => {
    const visit = `V${i}`;
    const common = { visit, nhs: nhsNumber(i + 1), ward: 'W1', admit: hl7Time(spell.admittedAt) };
    messages.push(message({ event: 'A01', id: `A${i}`, at: hl7Time(spell.admittedAt), ...common }));
    messages.push(
      message({
        event: 'A03',
        id: `D${i}`,
        at: hl7Time(spell.dischargedAt),
        ...common,
        discharge: hl7Time(spell.dischargedAt),
      }),
    );
  });
  return messages.join('\r');
}

let warehouse: Warehouse;
let seed: ScenarioSeed;
let site: SeedSite;
beforeAll(async () => {
  warehouse = await openScenarioSite(at - 35 * day, at);
  await loadAdtText(warehouse.connection, adtText(), new Date(at));
  seed = await readScenarioSeed(warehouse.connection, {
    at: new Date(at),
    hours: 24,
    ics: ['XQT'],
  });
  site = seed.sites.find((s) => s.site_code === 'XT101')!;
});
afterAll(() => warehouse?.close());

describe('readScenarioSeed(connection, options) fitting discharges by day of the week', () => {
  it('gives each weekday its daily discharges over the week’s mean, from the site’s own discharges', () => {
    const expected = [7 / 8, 7 / 6, 7 / 6, 7 / 6, 35 / 24, 7 / 12, 7 / 12];
    site.discharge_weekday_rate[0].forEach((rate, w) => expect(rate).toBeCloseTo(expected[w], 9));
    const fit = seed.fitted.find((f) =>
      f.distribution.startsWith('discharges by day of the week, on the ready date'),
    )!;
    expect(fit.observations).toBe(96);
    expect(fit.window_days).toBe(28);
    expect(fit.method).toContain("the site's 96 discharges");
  });

  it('holds back those due on a low day in proportion: go shares rate / (1 + carry), 1 on Friday', () => {
    const rate = [7 / 8, 7 / 6, 7 / 6, 7 / 6, 35 / 24, 7 / 12, 7 / 12];
    const carry = [5 / 6, 23 / 24, 19 / 24, 5 / 8, 11 / 24, 0, 5 / 12];
    site.discharge_go_share[0].forEach((share, w) =>
      expect(share).toBeCloseTo(rate[w] / (1 + carry[w]), 9),
    );
    expect(site.discharge_go_share[0][4]).toBe(1);
  });

  it('leaves flat the discharges after a wait, of which the ICS has under 70', () => {
    expect(site.discharge_weekday_rate[1]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(site.discharge_go_share[1].every((share) => share === 1)).toBe(true);
  });
});

describe('weekdayExposure', () => {
  // Sums of 24ths of a day, to 9 places.
  const days = (from: string, to: string) =>
    weekdayExposure(new Date(from), new Date(to)).map((d) => Math.round(d * 1e9) / 1e9);
  it('counts the days of each local day of the week in a window, by the hour', () => {
    // Thursday 00:00 to Saturday 12:00, GMT.
    expect(days('2025-02-20T00:00:00Z', '2025-02-22T12:00:00Z')).toEqual([0, 0, 0, 1, 1, 0.5, 0]);
    // Monday 00:00 to 24:00 BST is Sunday 23:00 to Monday 23:00 UTC.
    expect(days('2025-06-01T23:00:00Z', '2025-06-02T23:00:00Z')).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });
});
