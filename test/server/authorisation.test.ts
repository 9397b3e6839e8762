import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({
    api: { versionTtlMs: 0, rateLimit: { burst: 100000, perSecond: 100000 } },
  });
});
afterAll(() => t.warehouse.close());

const everyone = ['admin', 'operations', 'analyst', 'regional', 'public'];
const staff = ['admin', 'operations', 'analyst', 'regional'];

const listed = { data_version: expect.any(Number), rows: expect.any(Array) };
const refused = { error: expect.any(String), request_id: expect.any(String) };

/**
 * Who may call each route (signed out: 401 for every one of them), and what an allowed caller
 * gets: the exact status and the body's shape (the fields each client reads, with their types).
 * The POST bodies are `{}`: an ingest of it fails as a file, a token needs a role.
 */
const matrix: Array<{
  method: string;
  path: string;
  allowed: string[];
  status: number;
  body: Record<string, unknown>;
}> = [
  { method: 'GET', path: '/api/orgs', allowed: everyone, status: 200, body: listed },
  {
    method: 'GET',
    path: '/api/indicators',
    allowed: everyone,
    status: 200,
    body: { indicators: expect.any(Array) },
  },
  {
    method: 'GET',
    path: '/api/indicators/ae_4h_performance/values?org=R0A',
    allowed: everyone,
    status: 200,
    body: { ...listed, disclosure: expect.any(Object) },
  },
  {
    method: 'GET',
    path: '/api/indicators/ae_4h_performance/spc?org=R0A',
    allowed: everyone,
    status: 200,
    body: {
      indicator_id: 'ae_4h_performance',
      org_code: 'R0A',
      series: expect.any(Array),
      spc: expect.objectContaining({
        points: expect.any(Array),
        variationIcon: expect.any(String),
        assuranceIcon: expect.any(String),
      }),
    },
  },
  {
    method: 'GET',
    path: '/api/indicators/ae_4h_performance/inequality?org=R0A',
    allowed: everyone,
    status: 200,
    body: { groups: expect.any(Array), summary: expect.any(Array) },
  },
  {
    method: 'GET',
    path: '/api/live',
    allowed: staff,
    status: 200,
    body: {
      sites: expect.any(Array),
      wards: expect.any(Array),
      opel: expect.any(Array),
      alerts: expect.any(Array),
    },
  },
  {
    method: 'GET',
    path: '/api/opel',
    allowed: staff,
    status: 200,
    body: { latest: expect.any(Array), history: expect.any(Array) },
  },
  { method: 'GET', path: '/api/forecasts', allowed: staff, status: 200, body: listed },
  { method: 'GET', path: '/api/alerts', allowed: staff, status: 200, body: listed },
  {
    method: 'POST',
    path: '/api/alerts/999/ack',
    allowed: ['admin', 'operations'],
    status: 404,
    body: refused,
  },
  {
    method: 'GET',
    path: '/api/feeds',
    allowed: ['admin', 'operations', 'analyst'],
    status: 200,
    body: {
      status: expect.objectContaining({ feeds: expect.any(Array) }),
      files: expect.any(Array),
      quarantine_by_reason: expect.any(Array),
    },
  },
  {
    method: 'GET',
    path: '/api/feeds/ae/quarantine',
    allowed: ['admin', 'operations'],
    status: 200,
    body: listed,
  },
  {
    method: 'POST',
    path: '/api/ingest/ae?name=m.csv',
    allowed: ['admin', 'operations'],
    status: 422,
    body: { ...refused, error: expect.stringMatching(/^[a-z_]+: /) },
  },
  {
    method: 'GET',
    path: '/api/audit',
    allowed: ['admin', 'operations', 'analyst'],
    status: 200,
    body: listed,
  },
  {
    method: 'GET',
    path: '/api/tokens',
    allowed: ['admin'],
    status: 200,
    body: { tokens: expect.any(Array) },
  },
  { method: 'POST', path: '/api/tokens', allowed: ['admin'], status: 400, body: refused },
  {
    method: 'DELETE',
    path: '/api/tokens/tok_0000000000',
    allowed: ['admin'],
    status: 404,
    body: refused,
  },
];

describe('authorisation matrix: every route × role', () => {
  for (const route of matrix) {
    it(`${route.method} ${route.path}`, async () => {
      const call = (headers: Record<string, string>) =>
        t.app.request(route.path, {
          method: route.method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: route.method === 'GET' ? undefined : '{}',
        });
      const anonymous = await call({});
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
      for (const role of everyone) {
        const res = await call(t.auth(role));
        if (route.allowed.includes(role)) {
          expect(res.status, role).toBe(route.status);
          expect(await res.json(), role).toMatchObject(route.body);
        } else {
          expect(res.status, role).toBe(403);
          expect(((await res.json()) as { error: string }).error).toContain(
            `your token has the role ${role}`,
          );
        }
      }
    });
  }

  it('refuses a malformed or revoked bearer token with 401', async () => {
    expect(
      (await t.app.request('/api/orgs', { headers: { authorization: 'Bearer nope' } })).status,
    ).toBe(401);
    expect(
      (await t.app.request('/api/orgs', { headers: { authorization: 'Basic abc' } })).status,
    ).toBe(401);
  });
});

const otherIcsCodes = ['QWE', 'RW6', 'RW601'];

/** Every route, as a QOP-scoped caller would try to reach the other ICS. */
const scopedProbes = [
  '/api/orgs',
  '/api/orgs?format=csv',
  '/api/indicators/ae_4h_performance/values',
  '/api/indicators/ae_4h_performance/values?format=csv',
  '/api/indicators/ae_attendances/values?grain=day',
  '/api/indicators/ae_4h_performance/values?by=imd_quintile',
  '/api/live',
  '/api/live?table=wards&format=csv',
  '/api/live?table=opel&format=csv',
  '/api/live?table=alerts&format=csv',
  '/api/opel',
  '/api/forecasts',
  '/api/alerts',
  '/api/audit',
];

describe('scope: another ICS’s org codes never leak', () => {
  for (const who of ['analyst_qop', 'operations_qop', 'public_qop']) {
    it.each(scopedProbes)(`${who} %s`, async (path) => {
      const res = await t.app.request(path, { headers: t.auth(who) });
      const text = res.status === 200 ? await res.text() : '';
      for (const code of otherIcsCodes)
        expect(text, `${path} leaks ${code}`).not.toMatch(new RegExp(`\\b${code}\\b`));
    });
  }

  it('still shows the caller’s own ICS and national figures', async () => {
    const body = (await (
      await t.app.request('/api/orgs', { headers: t.auth('analyst_qop') })
    ).json()) as { rows: Array<{ org_code: string }> };
    expect(body.rows.map((r) => r.org_code)).toEqual(['ENG', 'QOP', 'R0A', 'R0A01', 'R0A02']);
    const live = (await (
      await t.app.request('/api/live', { headers: t.auth('operations_qop') })
    ).json()) as {
      sites: Array<{ site_code: string }>;
      alerts: Array<{ alert_id: number }>;
    };
    expect(live.sites.map((s) => s.site_code)).toEqual(['R0A01']);
    expect(live.alerts.map((a) => a.alert_id)).toEqual([101]);
  });

  const direct = [
    '/api/indicators/ae_4h_performance/values?org=RW6',
    '/api/indicators/ae_4h_performance/values?org=QWE',
    '/api/indicators/ae_4h_performance/spc?org=RW6',
    '/api/indicators/ae_4h_performance/inequality?org=RW6',
    '/api/opel?org=RW6',
    '/api/forecasts?site=RW601',
  ];
  it.each(direct)(
    'asking for another ICS’s org directly (%s) is 404, worded as for an unknown code',
    async (path) => {
      const res = await t.app.request(path, { headers: t.auth('analyst_qop') });
      expect(res.status).toBe(404);
      const error = ((await res.json()) as { error: string }).error;
      expect(error).toMatch(
        /no organisation \w+ that you can see \(unknown code, or outside your scope\)/,
      );
      const unknown = await t.app.request(path.replace(/RW601|RW6|QWE/, 'ZZ9'), {
        headers: t.auth('analyst_qop'),
      });
      expect(((await unknown.json()) as { error: string }).error.replace('ZZ9', 'X')).toBe(
        error.replace(/RW601|RW6|QWE/, 'X'),
      );
    },
  );

  it('a scoped token cannot acknowledge another ICS’s alert or read quarantined rows', async () => {
    const ack = await t.app.request('/api/alerts/102/ack', {
      method: 'POST',
      headers: t.auth('operations_qop'),
    });
    expect(ack.status).toBe(404);
    const ackSystem = await t.app.request('/api/alerts/103/ack', {
      method: 'POST',
      headers: t.auth('operations_qop'),
    });
    expect(ackSystem.status).toBe(404);
    const quarantine = await t.app.request('/api/feeds/ae/quarantine', {
      headers: t.auth('operations_qop'),
    });
    expect(quarantine.status).toBe(403);
  });

  it('a QWE-scoped regional token sees QWE and not QOP', async () => {
    const text = await (
      await t.app.request('/api/live', { headers: t.auth('regional_qwe') })
    ).text();
    expect(text).toContain('RW601');
    expect(text).not.toMatch(/\bR0A01\b|\bQOP\b/);
  });
});
