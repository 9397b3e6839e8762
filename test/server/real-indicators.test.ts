import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorRegistry } from '../../pipelines/indicators/index.js';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ api: { versionTtlMs: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } } });
  // 24 months of 4-hour performance for R0A, with a step up in the last 8 months.
  await t.warehouse.connection.run(
    "DELETE FROM indicator_value WHERE indicator_id = 'ae_4h_performance' AND org_code = 'R0A' AND dimension = 'total'",
  );
  await t.warehouse.connection.run(`INSERT INTO indicator_value
    SELECT 'ae_4h_performance', 'R0A', 'month', TIMESTAMP '2023-01-01' + INTERVAL (m) MONTH, 'total', 'all',
           n, 10000, n / 10000, NULL, NULL
    FROM (SELECT m, CASE WHEN m < 16 THEN 7000 + (m % 3) * 40 ELSE 7800 + (m % 3) * 40 END AS n FROM range(24) r(m))`);
});
afterAll(() => t.warehouse.close());

describe('every indicator of the registry through the API', () => {
  it('every registry indicator answers /values (200, its grain accepted)', async () => {
    for (const indicator of indicatorRegistry) {
      const res = await t.app.request(
        `/api/indicators/${indicator.id}/values?org=QOP&grain=${indicator.grains[0]}`,
        {
          headers: t.auth('analyst'),
        },
      );
      expect(res.status, indicator.id).toBe(200);
    }
  });

  it('GET /api/indicators lists every registry entry without its model SQL', async () => {
    const body = (await (
      await t.app.request('/api/indicators', { headers: t.auth('public') })
    ).json()) as {
      indicators: Array<Record<string, unknown>>;
    };
    expect(body.indicators.map((i) => i.id)).toEqual(indicatorRegistry.map((i) => i.id));
    expect(body.indicators.every((i) => !('sql' in i) && typeof i.definition === 'string')).toBe(
      true,
    );
  });

  it('SPC judges assurance against the target in force at the latest point', async () => {
    await t.warehouse.connection.run(`INSERT INTO indicator_value
      SELECT 'ae_4h_performance', 'R0A', 'month', TIMESTAMP '2025-01-01' + INTERVAL (m) MONTH, 'total', 'all',
             7700, 10000, 0.77, NULL, NULL FROM range(14) r(m)`);
    const res = await t.app.request(
      '/api/indicators/ae_4h_performance/spc?org=R0A&grain=month&from=2025-01-01',
      { headers: t.auth('analyst') },
    );
    const body = (await res.json()) as { target: number };
    expect(body.target).toBe(0.78);
    await t.warehouse.connection.run(
      `DELETE FROM indicator_value WHERE org_code = 'R0A' AND period_start >= TIMESTAMP '2025-01-01'`,
    );
  });

  it('SPC shows the step up as special cause, with icons', async () => {
    const res = await t.app.request('/api/indicators/ae_4h_performance/spc?org=R0A&grain=month', {
      headers: t.auth('analyst'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      improvement: string;
      target: number;
      spc: { points: Array<{ rules: string[] }>; variationIcon: string; assuranceIcon: string };
    };
    expect(body.improvement).toBe('up');
    expect(body.target).toBe(0.76);
    expect(body.spc.points).toHaveLength(24);
    expect(body.spc.points.slice(16).some((p) => p.rules.length > 0)).toBe(true);
    expect(body.spc.variationIcon).toMatch(/improvement/i);
    expect(typeof body.spc.assuranceIcon).toBe('string');
  });

  it('an unknown preset is a 400 naming the choices', async () => {
    const res = await t.app.request('/api/indicators/ae_4h_performance/spc?org=R0A&preset=bogus', {
      headers: t.auth('analyst'),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(
      'preset must be one of nhse, plotthedots; got "bogus"',
    );
  });

  it('public proportions are recomputed from the rounded counts', async () => {
    const body = (await (
      await t.app.request(
        '/api/indicators/ae_4h_performance/values?org=R0A&grain=month&to=2023-01-31',
        { headers: t.auth('public') },
      )
    ).json()) as {
      rows: Array<{ numerator: number; denominator: number; value: number }>;
    };
    expect(body.rows[0]).toMatchObject({ numerator: 7000, denominator: 10000, value: 0.7 });
  });

  it('acknowledges an alert through the real acknowledgeAlert', async () => {
    const res = await t.app.request('/api/alerts/102/ack', {
      method: 'POST',
      headers: t.auth('operations'),
    });
    expect(res.status).toBe(200);
    const after = await t.warehouse.connection.runAndReadAll(
      'SELECT status, acknowledged_by FROM alert WHERE alert_id = 102',
    );
    expect(after.getRowsJS()[0]![0]).toBe('acknowledged');
  });
});

describe('discharge breakdowns', () => {
  it('GET /values?by=pathway and by=local_authority answer for discharge delays', async () => {
    await t.warehouse.connection.run(`INSERT INTO indicator_value VALUES
      ('discharge_delay_days', 'R0A', 'month', TIMESTAMP '2024-11-01', 'pathway', '2', 120, 20, 6, 4, 8),
      ('discharge_delay_days', 'R0A', 'month', TIMESTAMP '2024-11-01', 'local_authority', 'E06000001', 90, 30, 3, 2, 4)`);
    for (const by of ['pathway', 'local_authority']) {
      const res = await t.app.request(
        `/api/indicators/discharge_delay_days/values?org=R0A&grain=month&by=${by}`,
        { headers: t.auth('analyst') },
      );
      expect(res.status, by).toBe(200);
      const body = (await res.json()) as { rows: Array<{ dimension: string }> };
      expect(body.rows.map((r) => r.dimension)).toEqual([by]);
    }
    const wrong = await t.app.request(
      '/api/indicators/ae_4h_performance/values?org=R0A&grain=month&by=pathway',
      { headers: t.auth('analyst') },
    );
    expect(wrong.status).toBe(400);
  });
});
