import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;
let cookie: string;
const origin = 'http://localhost';

beforeAll(async () => {
  t = await makeTestApp();
  const signedIn = await t.app.request('/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: `token=${encodeURIComponent(t.tokens.admin!)}`,
  });
  cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => t.warehouse.close());

const runReport = (headers: Record<string, string>, body = '{"to":"x@example.org"}') =>
  t.app.request('/api/reports/daily-brief/run', {
    method: 'POST',
    headers: { 'content-length': String(body.length), ...headers },
    body,
  });

describe('state-changing requests', () => {
  it('refuse an Origin other than the service, whether by cookie or bearer', async () => {
    const json = { 'content-type': 'application/json' };
    const cross = await runReport({ cookie, origin: 'http://127.0.0.1:9999', ...json });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain('cross-site request refused');
    expect(
      (await runReport({ ...t.auth('admin'), origin: 'http://evil.example', ...json })).status,
    ).toBe(403);
    expect((await runReport({ cookie, 'sec-fetch-site': 'same-site', ...json })).status).toBe(403);
  });

  it('take a form POST whose Origin is "null" (no-referrer) by its Sec-Fetch-Site', async () => {
    const headers = { cookie, origin: 'null', 'content-type': 'application/json' };
    expect((await runReport({ ...headers, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await runReport(headers)).status).toBe(403);
    const own = await runReport({ ...headers, 'sec-fetch-site': 'same-origin' }, '{"date":"x"}');
    expect(own.status).toBe(400);
  });

  it('refuse a signed-in browser request that shows neither Origin nor Sec-Fetch-Site', async () => {
    const ack = await t.app.request('/api/alerts/1/ack', { method: 'POST', headers: { cookie } });
    expect(ack.status).toBe(403);
  });

  it('need the declared body type: a text/plain "JSON" body (what a form can send) is refused', async () => {
    const plain = await runReport({ cookie, origin, 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    const form = await t.app.request('/api/ingest/ae?name=x.csv', {
      method: 'POST',
      headers: {
        ...t.auth('operations'),
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '4',
      },
      body: 'a\n1\n',
    });
    expect(form.status).toBe(415);
    expect(t.ingestCalls).toHaveLength(0);
    const created = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'analyst', ics: ['QOP'] }),
    });
    expect(created.status).toBe(201);
  });

  it('are refused before the body is read when nobody is signed in', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new Uint8Array(1024));
        },
      },
      { highWaterMark: 0 },
    );
    const res = await t.app.request('/api/ingest/ae?name=x.csv', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': '99999999999' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(pulled).toBe(false);
  });
});

describe('sign-in', () => {
  it('bounds the form and limits failed attempts per client address', async () => {
    const limited = await makeTestApp({
      api: { versionTtlMs: 0, signInRateLimit: { burst: 3, perSecond: 0.001 } },
    });
    const big = await limited.app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '20000' },
      body: `token=${'x'.repeat(20_000)}`,
    });
    expect(big.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.app.request(`/signin?token=guess${i}`, {
        headers: { 'x-forwarded-for': `10.0.0.${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Refused while the allowance refills, even with a good token.
    const good = await limited.app.request(
      `/signin?token=${encodeURIComponent(limited.tokens.admin!)}`,
    );
    expect(good.status).toBe(429);
    limited.warehouse.close();
  });

  it('keys the anonymous API rate limit on the socket, not on X-Forwarded-For, unless a proxy is trusted', async () => {
    const statuses = async (trustProxy: boolean) => {
      const app = await makeTestApp({
        api: { versionTtlMs: 0, trustProxy, rateLimit: { burst: 2, perSecond: 0.001 } },
      });
      const out: number[] = [];
      for (let i = 0; i < 3; i++)
        out.push(
          (await app.app.request('/api/ready', { headers: { 'x-forwarded-for': `10.1.0.${i}` } }))
            .status,
        );
      app.warehouse.close();
      return out;
    };
    expect(await statuses(false)).toEqual([200, 200, 429]);
    expect(await statuses(true)).toEqual([200, 200, 200]);
  });
});
