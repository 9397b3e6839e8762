import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ api: { versionTtlMs: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } } });
});
afterAll(() => t.warehouse.close());

const routes = [
  '/api/health',
  '/api/ready',
  '/api/orgs',
  '/api/indicators',
  '/api/indicators/ae_4h_performance/values',
  '/api/indicators/ae_4h_performance/spc',
  '/api/indicators/ae_4h_performance/inequality',
  '/api/live',
  '/api/opel',
  '/api/forecasts',
  '/api/alerts',
  '/api/feeds',
  '/api/feeds/ae/quarantine',
  '/api/audit',
  '/api/tokens',
  '/api/openapi.json',
  '/api/docs',
];
const names = [
  'org',
  'grain',
  'from',
  'to',
  'by',
  'period',
  'preset',
  'site',
  'measure',
  'status',
  'limit',
  'offset',
  'reason',
  'format',
  'type',
  'table',
  'x',
];
const injections = [
  "R0A' OR '1'='1",
  "QOP'); DROP TABLE org; --",
  '1; DELETE FROM api_token',
  "2024-01-01' UNION SELECT token_hash FROM api_token --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  'month\u0000',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
];

describe('random and hostile query strings', () => {
  it('never get a 5xx from any route, for any role', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(
          fc.tuple(
            fc.constantFrom(...names),
            fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...injections)),
          ),
          { maxLength: 4 },
        ),
        fc.constantFrom('admin', 'analyst_qop', 'public'),
        async (route, pairs, who) => {
          const query = pairs
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
          const res = await t.app.request(`${route}${query ? '?' + query : ''}`, {
            headers: t.auth(who),
          });
          expect(res.status, `${route}?${query}`).toBeLessThan(500);
        },
      ),
      { numRuns: 250 },
    );
  });

  it.each(injections)(
    'injection %j in every parameter of every route is refused or harmless',
    async (attack) => {
      for (const route of routes) {
        for (const name of names) {
          const res = await t.app.request(`${route}?${name}=${encodeURIComponent(attack)}`, {
            headers: t.auth('admin'),
          });
          expect(res.status, `${route}?${name}`).toBeLessThan(500);
        }
      }
      for (const path of [
        `/api/indicators/${encodeURIComponent(attack)}/values`,
        `/api/feeds/${encodeURIComponent(attack)}/quarantine`,
        `/api/alerts/${encodeURIComponent(attack)}/ack`,
      ]) {
        const res = await t.app.request(path, {
          method: path.endsWith('ack') ? 'POST' : 'GET',
          headers: t.auth('admin'),
        });
        expect(res.status).toBeLessThan(500);
      }
      const reader = await t.warehouse.connection.runAndReadAll(
        'SELECT (SELECT count(*) FROM org), (SELECT count(*) FROM api_token WHERE revoked_at IS NULL)',
      );
      expect(reader.getRowsJS()[0]).toEqual([9n, 9n]);
    },
  );

  it('never gets a 5xx for malformed headers or bodies (and refuses bad ones with 400)', async () => {
    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, RequestInit]> = [
      ['/api/orgs', { headers: { accept: '\u00ff/\u00fe' } }],
      ['/api/orgs', { headers: { 'if-none-match': '"' + 'x'.repeat(5000) } }],
      ['/api/events', { headers: { 'last-event-id': 'abc' } }],
      ['/api/tokens', { method: 'POST', headers: json, body: '{not json' }],
      ['/api/tokens', { method: 'POST', headers: json, body: '{"role":"emperor"}' }],
      ['/api/tokens', { method: 'POST', headers: json, body: 'null' }],
      ['/api/ingest/ae?name=x.csv', { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x00]) }],
    ];
    for (const [path, init] of cases) {
      const res = await t.app.request(path, {
        ...init,
        headers: { ...t.auth('admin'), ...(init.headers as Record<string, string>) },
      });
      expect(res.status, path).toBeLessThan(500);
      if (path === '/api/tokens' || path === '/api/events') expect(res.status, path).toBe(400);
    }
  });
});
