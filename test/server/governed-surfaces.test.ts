import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

const json = async (path: string, who: string) => {
  const res = await t.app.request(path, { headers: t.auth(who) });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

describe('the inequality summary under disclosure control', () => {
  it('is computed from the controlled groups for the public, never from exact counts', async () => {
    const body = await json('/api/indicators/ae_4h_performance/inequality?org=R0A', 'public');
    const groups = body.groups as Array<{ category: string; value: number | null }>;
    const [summary] = body.summary as Array<Record<string, number | null>>;
    // Quintile 1 is 3 of 6 attendances: suppressed, so the most deprived value is not shown
    // (the stored summary holds it exactly: 50).
    expect(groups.find((g) => g.category === '1')?.value).toBeNull();
    expect(summary).toMatchObject({
      most_deprived: null,
      least_deprived: groups.find((g) => g.category === '3')!.value,
      gap: null,
      gap_lower: null,
      gap_upper: null,
      sii: null,
      sii_lower: null,
      sii_upper: null,
      rii: null,
      rii_lower: null,
      rii_upper: null,
      unknown_share: null,
    });
    expect(body.summary_withheld).toMatch(/withheld/);
    const staff = await json('/api/indicators/ae_4h_performance/inequality?org=R0A', 'analyst');
    expect((staff.summary as Array<Record<string, number>>)[0]).toMatchObject({
      most_deprived: 0.5,
      sii: 0.4,
    });
    expect(staff.summary_withheld).toBeUndefined();
  });
});

describe('operational metadata across ICSs', () => {
  it('gives a scoped caller the feed status but not the ledger, runs or quarantine counts', async () => {
    const scoped = await json('/api/feeds', 'analyst_qop');
    expect(scoped.files).toEqual([]);
    expect(scoped.runs).toEqual([]);
    expect(scoped.quarantine_by_reason).toEqual([]);
    expect(scoped.withheld).toMatch(/any organisation/);
    const csv = await t.app.request('/api/feeds?format=csv', { headers: t.auth('analyst_qop') });
    expect((await csv.text()).trim().split('\n')).toHaveLength(1);
    const unscoped = await json('/api/feeds', 'analyst');
    expect((unscoped.files as unknown[]).length).toBeGreaterThan(0);
  });

  it('names failed report recipients to unscoped administrators only', async () => {
    for (const who of ['operations', 'operations_qop', 'analyst_qop']) {
      const text = JSON.stringify(await json('/api/health', who));
      expect(text, who).not.toMatch(/@/);
    }
    expect(JSON.stringify(await json('/api/health', 'admin'))).toMatch(/@/);
  });
});
