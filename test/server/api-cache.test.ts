import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../server/auth/token-store.js';
import { serveApp, type RunningServer } from '../../server/serve-app.js';
import { makeTestApp, now, type TestApp } from './test-app.js';

/*
 * The API's caches (serialised responses, credentials, the data version) and the buffered
 * audit log, on a real server: a cached answer is never given to another role or scope, a
 * token revoked behind the service's back stops working within a second, and stopping writes
 * every audit entry.
 */

let t: TestApp;
let server: RunningServer;
let base: string;
beforeAll(async () => {
  // Audit entries are written only by close() here (the timer would take a minute). The rate
  // limit is lifted: the revocation test asks as fast as the cache answers, for over a second.
  t = await makeTestApp({
    api: {
      versionTtlMs: 0,
      auditFlushMs: 60_000,
      rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
    },
  });
  server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => t.warehouse.close());

const callers = ['analyst', 'public', 'analyst_qop', 'public_qop', 'regional_qwe', 'admin'];
const paths = [
  '/api/indicators/ae_4h_performance/values?org=R0A&grain=month&by=imd_quintile',
  '/api/indicators/ae_4h_performance/values?org=R0A&grain=month&by=imd_quintile&format=csv',
  '/api/indicators/ae_4h_performance/values?grain=month&by=imd_quintile',
  '/api/indicators/ae_4h_performance/values?grain=month&by=imd_quintile&format=arrow',
  '/api/indicators/ae_attendances/values?grain=day',
  '/api/indicators/ae_4h_performance/inequality?org=R0A&grain=month',
  '/api/orgs',
];

async function answer(path: string, caller: string, headers: Record<string, string> = {}) {
  // A fixed request id: error bodies quote it.
  const res = await fetch(`${base}${path}`, {
    headers: { ...t.auth(caller), 'x-request-id': 'cache-test', ...headers },
  });
  const body = Buffer.from(await res.arrayBuffer()).toString('base64');
  return { status: res.status, body, etag: res.headers.get('etag') };
}

describe('the response cache', () => {
  it("never gives one role's or scope's answer to another", async () => {
    // Each caller's own answer, computed with the cache emptied before every request.
    const expected = new Map<string, Awaited<ReturnType<typeof answer>>>();
    for (const path of paths)
      for (const caller of callers) {
        t.hub.publish('data_landed', { feed: 'ae' });
        expected.set(`${caller} ${path}`, await answer(path, caller));
      }
    // The answers differ between callers (else the test could not tell them apart).
    for (const path of paths.slice(0, 4))
      expect(new Set(callers.map((c) => expected.get(`${c} ${path}`)!.body)).size).toBeGreaterThan(
        2,
      );
    // Then every caller asks every path twice, in turn, from one warm cache.
    t.hub.publish('data_landed', { feed: 'ae' });
    for (let round = 0; round < 2; round++)
      for (const path of paths)
        for (const caller of round === 0 ? callers : [...callers].reverse()) {
          const got = await answer(path, caller);
          const want = expected.get(`${caller} ${path}`)!;
          expect({ caller, path, status: got.status, body: got.body }).toEqual({
            caller,
            path,
            status: want.status,
            body: want.body,
          });
        }
  });

  it("answers 304 only to the ETag of the caller's own answer", async () => {
    const path = paths[0]!;
    const mine = await answer(path, 'analyst');
    expect((await answer(path, 'analyst', { 'if-none-match': mine.etag! })).status).toBe(304);
    for (const other of ['public', 'analyst_qop', 'regional_qwe']) {
      const theirs = await answer(path, other, { 'if-none-match': mine.etag! });
      expect(theirs.status, other).not.toBe(304);
    }
  });
});

describe('credential look-ups', () => {
  it('a token revoked behind the service stops working within 1 s', async () => {
    const { token, tokenId } = await createToken(t.warehouse.connection, { role: 'analyst' }, now);
    const path = `${base}${paths[0]}`;
    const ask = () => fetch(path, { headers: { authorization: `Bearer ${token}` } });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200); // remembered now
    // Revoked in the warehouse directly, as another process would: nothing here is told.
    await t.warehouse.connection.run(
      "UPDATE api_token SET revoked_at = TIMESTAMP '2024-12-02 10:31:00' WHERE token_id = $1",
      [tokenId],
    );
    const revokedAt = performance.now();
    const deadline = revokedAt + 10_000;
    const lateSuccesses: number[] = [];
    for (;;) {
      const sentAt = performance.now();
      const res = await ask();
      await res.arrayBuffer();
      if (res.status === 401) break;
      expect(res.status).toBe(200);
      // A request sent a second or more after the revocation must not be let in.
      if (sentAt - revokedAt >= 1000) lateSuccesses.push(sentAt - revokedAt);
      if (performance.now() > deadline) throw new Error('the revoked token still works');
    }
    expect(lateSuccesses).toEqual([]);
    expect((await ask()).status).toBe(401);
  });
});

describe('the audit log', () => {
  it('keeps every request: entries still buffered, or in flight, are written by close()', async () => {
    const before = Number(
      (
        await t.warehouse.connection.runAndReadAll('SELECT count(*) FROM audit_log')
      ).getRowsJS()[0]![0],
    );
    const asked = 120;
    const requests = Array.from({ length: asked }, (_, i) =>
      fetch(`${base}${paths[i % paths.length]}`, {
        headers: { ...t.auth(callers[i % callers.length]!), 'x-request-id': `stop-${i}` },
      }).then(async (res) => (await res.arrayBuffer(), res.status)),
    );
    // Stop while they are being answered.
    const first = await Promise.race(requests);
    expect(first).toBe(200);
    const closing = server.close();
    const statuses = await Promise.allSettled(requests);
    await closing;
    const answered = statuses.filter((s) => s.status === 'fulfilled').length;
    expect(answered).toBeGreaterThan(0);
    const rows = (
      await t.warehouse.connection.runAndReadAll(
        "SELECT count(*), count(DISTINCT request_id) FROM audit_log WHERE request_id LIKE 'stop-%'",
      )
    ).getRowsJS()[0]!;
    expect(rows).toEqual([BigInt(answered), BigInt(answered)]);
    const after = Number(
      (
        await t.warehouse.connection.runAndReadAll('SELECT count(*) FROM audit_log')
      ).getRowsJS()[0]![0],
    );
    expect(after - before).toBeGreaterThanOrEqual(answered);
  });
});
