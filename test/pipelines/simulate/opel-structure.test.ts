import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAll } from '../../../pipelines/indicators/index.js';
import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import { simulatedHistory } from '../scenario/simulated-history.js';

// The daily 08:00 OPEL history of 90 simulated days of the demo ICS (1 October – 29 December
// 2025), loaded through the feeds and assessed as the service does after a backfill, against
// the structure docs/calibration.md ("OPEL over 90 days") describes: trusts that differ, a week
// that starts worse than it ends, and winter worse than autumn.

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let history: Array<{
  org_code: string;
  org_type: string;
  day: string;
  level: number;
  score: number;
  ga_occupancy: number | null;
}>;

beforeAll(async () => {
  warehouse = await simulatedHistory(90);
  const effects = { now: new Date('2025-12-30T12:00:00Z'), log: quiet, settings: {} };
  await refreshAll(warehouse.connection, 'all', effects);
  const reader = await warehouse.connection.runAndReadAll(
    `SELECT h.org_code, o.org_type, strftime(h.day, '%Y-%m-%d') AS day, h.level, h.score,
       CAST(h.drivers AS VARCHAR) AS drivers
     FROM opel_daily h JOIN org o ON o.org_code = h.org_code ORDER BY h.org_code, h.day`,
  );
  history = reader.getRowObjectsJS().map((row) => {
    const drivers = JSON.parse(String(row.drivers)) as Array<{ parameter: string; value: unknown }>;
    const ga = drivers.find((d) => d.parameter === 'ga_occupancy')?.value;
    return {
      ...(row as { org_code: string; org_type: string; day: string; score: number }),
      level: Number(row.level),
      ga_occupancy: typeof ga === 'number' ? ga : null,
    };
  });
}, 300_000);

afterAll(() => warehouse.close());

const trusts = () => [
  ...new Set(history.filter((h) => h.org_type === 'trust').map((h) => h.org_code)),
];

/** Monday 0 … Sunday 6 of a YYYY-MM-DD day. */
const weekday = (day: string) => (new Date(day + 'T12:00:00Z').getUTCDay() + 6) % 7;

/** The mean 08:00 score of `org` over the days that `keep` keeps. */
function meanScore(org: string, keep: (day: string) => boolean): number {
  const scores = history.filter((h) => h.org_code === org && keep(h.day)).map((h) => h.score);
  return scores.reduce((a, b) => a + b, 0) / scores.length;
}

describe('the simulated ICS’s daily OPEL history', () => {
  it('assesses every trust and the ICS at 08:00 on each of the 90 days', () => {
    expect(trusts()).toHaveLength(4);
    for (const org of [...trusts(), 'XQA']) {
      const days = history.filter((h) => h.org_code === org).map((h) => h.day);
      expect(days).toHaveLength(90);
      expect([days[0], days[89]]).toEqual(['2025-10-01', '2025-12-29']);
    }
  });

  it('reads each trust’s G&A occupancy on the first day near its median (the ADT census fills the beds)', () => {
    // The first hour of the history carries an A01 for every patient already in a bed; without
    // it the ADT feed starts with empty wards that fill over about three weeks.
    for (const trust of trusts()) {
      const days = history.filter((h) => h.org_code === trust);
      const occupancy = days.map((h) => h.ga_occupancy!).sort((a, b) => a - b);
      const median = occupancy[Math.floor(occupancy.length / 2)]!;
      expect(days[0]!.ga_occupancy, trust).toBeGreaterThan(0.85 * median);
    }
  });

  it('takes every trust through at least three levels', () => {
    for (const trust of trusts()) {
      const levels = new Set(history.filter((h) => h.org_code === trust).map((h) => h.level));
      expect(levels.size, trust).toBeGreaterThanOrEqual(3);
    }
  });

  it('has the trusts at more than one level on most days', () => {
    const days = [...new Set(history.map((h) => h.day))];
    const mixed = days.filter((day) => {
      const levels = history.filter((h) => h.day === day && h.org_type === 'trust');
      return new Set(levels.map((h) => h.level)).size > 1;
    });
    expect(mixed.length / days.length).toBeGreaterThan(0.5);
  });

  it('starts the week worse than it ends: Monday and Tuesday mornings score above Thursday and Friday, and Monday above the weekend', () => {
    // The ICS's scores (each trust's alone moves more from day to day). Few discharges at the
    // weekend fill the beds by Monday morning; Monday's own discharges are the fewest of the
    // weekdays, so Tuesday morning is fuller still (docs/calibration.md).
    const early = (day: string) => weekday(day) <= 1;
    const late = (day: string) => weekday(day) === 3 || weekday(day) === 4;
    expect(meanScore('XQA', early)).toBeGreaterThan(meanScore('XQA', late));
    const monday = meanScore('XQA', (day) => weekday(day) === 0);
    expect(monday).toBeGreaterThan(meanScore('XQA', (day) => weekday(day) >= 5));
  });

  it('is worse for the ICS in December than in October', () => {
    const month = (m: string) => meanScore('XQA', (day) => day.slice(5, 7) === m);
    expect(month('12')).toBeGreaterThan(month('10'));
  });
});
