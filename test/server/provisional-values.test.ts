import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert, indicatorRegistry } from '../../pipelines/indicators/index.js';
import { xmr } from '../../pipelines/indicators/statistics/xmr.js';
import { syncRegistry } from '../../pipelines/indicators/sync-registry.js';
import { makeTestApp, type TestApp } from './test-app.js';
import { refreshOrgFeedSpan } from '../../pipelines/warehouse/index.js';

let t: TestApp;
const base = '/api/indicators/ae_4h_performance';

beforeAll(async () => {
  t = await makeTestApp(
    { api: { versionTtlMs: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } } },
    { registry: indicatorRegistry, xmr, acknowledgeAlert },
  );
  const db = t.warehouse.connection;
  await syncRegistry(db);
  // 20 days of 4-hour performance at site R0A01, steady around 75%. The data begins at 05:00
  // UTC on 1 May (the first day reads 0%: its early patients are missing) and ends at 06:00
  // on 20 May (the day so far reads 100%: only the patients who already left count).
  await db.run(`INSERT INTO indicator_value
    SELECT 'ae_4h_performance', 'R0A01', 'day', TIMESTAMP '2025-05-01' + INTERVAL (d) DAY, 'total', 'all',
      CASE d WHEN 0 THEN 0 WHEN 19 THEN 40 ELSE 300 + (d % 3) * 6 END,
      CASE d WHEN 0 THEN 40 WHEN 19 THEN 40 ELSE 400 END,
      CASE d WHEN 0 THEN 0 WHEN 19 THEN 1 ELSE (300 + (d % 3) * 6) / 400 END, NULL, NULL
    FROM range(20) r(d)`);
  await db.run(`INSERT INTO site_coverage
    SELECT 'R0A01', 'ae', DATE '2025-05-01' + CAST(d AS INTEGER),
      CASE d WHEN 0 THEN TIMESTAMP '2025-05-01 05:00' ELSE TIMESTAMP '2025-04-30 23:00' + INTERVAL (d) DAY END,
      CASE d WHEN 19 THEN TIMESTAMP '2025-05-20 06:10' ELSE TIMESTAMP '2025-05-01 23:00' + INTERVAL (d) DAY END,
      NULL, 400
    FROM range(20) r(d)`);
  await refreshOrgFeedSpan(db);
});
afterAll(() => t.warehouse.close());

const get = (path: string, accept = 'application/json') =>
  t.app.request(path, { headers: { ...t.auth('analyst'), accept } });

describe('provisional periods in the API', () => {
  it('JSON values say which periods are provisional, with their coverage', async () => {
    const res = await get(`${base}/values?org=R0A01&grain=day`);
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as {
      rows: Array<{ period_start: string; is_provisional: boolean; coverage: number }>;
    };
    expect(rows).toHaveLength(20);
    const provisional = rows
      .filter((r) => r.is_provisional)
      .map((r) => r.period_start.slice(0, 10));
    expect(provisional).toEqual(['2025-05-01', '2025-05-20']);
    // 1 May: 05:00–23:00 UTC of a day starting 23:00 UTC on 30 April (BST); 20 May: until 06:00
    expect(rows[0]!.coverage).toBeCloseTo(18 / 24, 6);
    expect(rows[19]!.coverage).toBeCloseTo(7 / 24, 6);
    expect(rows[10]!.coverage).toBe(1);
  });

  it('the inequality view defaults to the latest complete period, not the day so far', async () => {
    await t.warehouse.connection.run(`INSERT INTO indicator_value
      SELECT 'ae_4h_performance', 'R0A01', 'day', TIMESTAMP '2025-05-01' + INTERVAL (d) DAY, 'imd_quintile', '1',
        30, 40, 0.75, NULL, NULL
      FROM range(17, 20) r(d)`);
    const res = await get(`${base}/inequality?org=R0A01&grain=day&by=imd_quintile`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: Array<{ period_start: string }> };
    expect(body.groups.map((g) => g.period_start.slice(0, 10))).toEqual(['2025-05-19']);
  });

  it('complete=true leaves the provisional periods out', async () => {
    const res = await get(`${base}/values?org=R0A01&grain=day&complete=true`);
    const { rows } = (await res.json()) as { rows: Array<{ is_provisional: boolean }> };
    expect(rows).toHaveLength(18);
    expect(rows.every((r) => r.is_provisional === false)).toBe(true);
  });

  it('CSV and Arrow carry is_provisional and coverage too', async () => {
    const csv = await (await get(`${base}/values?org=R0A01&grain=day`, 'text/csv')).text();
    const [header, first] = csv.trim().split(/\r?\n/);
    expect(header!.split(',')).toEqual(expect.arrayContaining(['is_provisional', 'coverage']));
    const columns = header!.split(',');
    expect(first!.split(',')[columns.indexOf('is_provisional')]).toBe('true');
    const arrow = await get(
      `${base}/values?org=R0A01&grain=day`,
      'application/vnd.apache.arrow.stream',
    );
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    const rows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
    expect(rows.map((r) => r.is_provisional).filter(Boolean)).toHaveLength(2);
    expect(Number(rows[19]!.coverage)).toBeCloseTo(7 / 24, 6);
  });

  it('SPC judges complete periods only: the partial first and last days are shown, not judged', async () => {
    const res = await get(`${base}/spc?org=R0A01&grain=day`);
    const body = (await res.json()) as {
      series: Array<{ is_provisional: boolean }>;
      spc: { points: Array<{ period: string; rules: string[] }>; variationIcon: string };
    };
    expect(body.series).toHaveLength(20);
    expect(body.series.filter((p) => p.is_provisional)).toHaveLength(2);
    expect(body.spc.points).toHaveLength(18);
    expect(body.spc.points.every((p) => p.rules.length === 0)).toBe(true);
    expect(body.spc.variationIcon).toBe('common');
  });
});
