import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshLiveState } from '../../../pipelines/indicators/live/refresh-live-state.js';
import { assessOpelHistory } from '../../../pipelines/indicators/opel/assess-opel-history.js';
import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import { simulatedHistory } from '../scenario/simulated-history.js';

// The daily 08:00 OPEL history of 90 simulated days of the demo ICS (1 October – 29 December
// 2025), loaded through the feeds and assessed as the service does after a backfill.
// Not asserted yet (docs/calibration.md, "Not yet checked"): that every trust passes through
// at least three levels, that Mondays are worse than the other weekdays, and that on most days
// the trusts are not all at one level; the simulated inputs do not produce them.

const quiet = { info() {}, warn() {}, error() {} };
let warehouse: Warehouse;
let history: Array<{
  org_code: string;
  org_type: string;
  day: string;
  level: number;
  score: number;
}>;

beforeAll(async () => {
  warehouse = await simulatedHistory(90);
  const effects = { now: new Date('2025-12-30T12:00:00Z'), log: quiet, settings: {} };
  await refreshLiveState(warehouse.connection, effects);
  await assessOpelHistory(warehouse.connection, 'all', effects);
  const reader = await warehouse.connection.runAndReadAll(
    `SELECT h.org_code, o.org_type, strftime(h.day, '%Y-%m-%d') AS day, h.level, h.score
     FROM opel_daily h JOIN org o ON o.org_code = h.org_code ORDER BY h.org_code, h.day`,
  );
  history = reader.getRowObjectsJS().map((row) => ({
    ...(row as { org_code: string; org_type: string; day: string; score: number }),
    level: Number(row.level),
  }));
}, 300_000);

afterAll(() => warehouse.close());

const trusts = () => [
  ...new Set(history.filter((h) => h.org_type === 'trust').map((h) => h.org_code)),
];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('the simulated ICS’s daily OPEL history', () => {
  it('assesses every trust and the ICS at 08:00 on each of the 90 days', () => {
    expect(trusts()).toHaveLength(4);
    for (const org of [...trusts(), 'XQA']) {
      const days = history.filter((h) => h.org_code === org).map((h) => h.day);
      expect(days).toHaveLength(90);
      expect([days[0], days[89]]).toEqual(['2025-10-01', '2025-12-29']);
    }
  });

  it('is worse in December (winter) than in October (autumn) for every trust', () => {
    // The window holds one winter month: the season shows as October against December.
    for (const trust of trusts()) {
      const of = (month: string) =>
        mean(
          history
            .filter((h) => h.org_code === trust && h.day.slice(5, 7) === month)
            .map((h) => h.score),
        );
      expect(of('12'), trust).toBeGreaterThan(of('10'));
    }
  });
});
