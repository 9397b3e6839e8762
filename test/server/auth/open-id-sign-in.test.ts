import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type RunningServer } from '../../../server/serve-app.js';
import { makeTestApp, type TestApp } from '../test-app.js';
import { sseReader } from '../events/sse-reader.js';
import { HttpUserAgent } from './http-user-agent.js';
import {
  authSettings,
  clientSecret,
  startIdentityProvider,
  type IdentityProvider,
} from './start-identity-provider.js';

let t: TestApp;
let idp: IdentityProvider;
let server: RunningServer;
let url: string;
/** The observatory's clock (sessions); the ID token checks use the real one. */
let clock = new Date();

beforeAll(async () => {
  idp = await startIdentityProvider();
  t = await makeTestApp(
    { auth: authSettings(idp.issuer) },
    { now: () => clock, env: { TEST_IDP_SECRET: clientSecret } },
  );
  server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${server.port}`;
  idp.register(url);
});
afterAll(async () => {
  await server.close();
  await idp.close();
  t.warehouse.close();
});

/** Signs `login` in through the provider; returns the user agent and the callback's answer. */
async function signIn(login: string) {
  const ua = new HttpUserAgent();
  const callback = await ua.signInAtProvider(url, 'test-idp', login);
  const res = await ua.request(callback);
  return { ua, res, callback, page: await res.text() };
}

const me = (ua: HttpUserAgent) => ua.request(`${url}/api/me`);
const warnings = () =>
  t.logs.filter((l) => l.message === 'sign-in refused').map((l) => String(l.fields?.reason));

describe('OpenID Connect sign-in against a real provider (oidc-provider)', () => {
  it('signs a person in with role and ICS scope from their claims, audited by person', async () => {
    const { ua, res, page } = await signIn('ops.qop');
    expect(res.status).toBe(200);
    expect(page).toContain('http-equiv="refresh" content="0;url=/"');
    expect(ua.cookie(url, 'ifo_session')).toMatch(/^p_/);
    expect(ua.cookie(url, 'ifo_signin')).toBeUndefined();
    const who = (await (await me(ua)).json()) as Record<string, unknown>;
    expect(who).toMatchObject({
      role: 'operations',
      ics: ['QOP'],
      person: { provider: 'test-idp', subject: 'ops.qop', name: 'Olu Adeyemi' },
    });
    const orgs = await (await ua.request(`${url}/api/orgs`)).text();
    expect(orgs).toContain('R0A');
    expect(orgs).not.toContain('RW6');
    expect(
      (await ua.request(`${url}/api/indicators/ae_4h_performance/values?org=RW6`)).status,
    ).toBe(404);

    const own = (await (await ua.request(`${url}/api/audit`)).json()) as {
      rows: Array<Record<string, unknown>>;
    };
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((r) => r.subject === 'ops.qop')).toBe(true);
    const all = (await (
      await fetch(`${url}/api/audit?limit=1000`, { headers: t.auth('admin') })
    ).json()) as { rows: Array<Record<string, unknown>> };
    expect(all.rows).toContainEqual(
      expect.objectContaining({
        route: '/api/orgs',
        provider: 'test-idp',
        subject: 'ops.qop',
        display_name: 'Olu Adeyemi',
        role: 'operations',
      }),
    );
  });

  it('carries the scope from claims onto the event stream, replay included', async () => {
    const { ua } = await signIn('ops.qop');
    const first = t.hub.lastId;
    t.hub.publish('opel_changed', { org_code: 'RW6', level: 4 });
    t.hub.publish('live_changed', { sites: ['RW601', 'R0A01'] });
    const marker = t.hub.publish('opel_changed', { org_code: 'R0A', level: 2 });
    const res = await ua.request(`${url}/api/events?last_event_id=${first}`);
    expect(res.status).toBe(200);
    const stream = sseReader(res);
    const text = await stream.readUntil((seen) => seen.includes(`id: ${marker.id}\n`));
    await stream.reader.cancel();
    expect(text).toContain(`id: ${marker.id}\n`);
    expect(text).toContain('R0A01');
    expect(text).not.toMatch(/\b(RW6|RW601)\b/);
  });

  it('maps a group id (Entra-style) to its role and scope', async () => {
    const { ua, res } = await signIn('analyst.qwe');
    expect(res.status).toBe(200);
    expect(await (await me(ua)).json()).toMatchObject({ role: 'analyst', ics: ['QWE'] });
  });

  it('gives a person with no mapped role no session, and a page saying what they lack and whom to ask', async () => {
    const { ua, res, page } = await signIn('porter.qop');
    expect(res.status).toBe(403);
    expect(ua.cookie(url, 'ifo_session')).toBeUndefined();
    expect(page).toContain('Pat Porter');
    expect(page).toContain('Operations: the national RBAC role R8001 at a trust of the ICS');
    expect(page).toContain('role_code S0010:G0020:R0260');
    expect(page).toContain('the ICS service desk (servicedesk@example.nhs.uk)');
    const rows = await t.warehouse.connection.runAndReadAll(
      "SELECT count(*) FROM person_session WHERE subject = 'porter.qop'",
    );
    expect(Number(rows.getRowsJS()[0]![0])).toBe(0);
  });

  it('refuses a replayed state, and a callback in a browser that did not start the sign-in', async () => {
    const { ua, callback, res } = await signIn('ops.qop');
    expect(res.status).toBe(200);
    const again = await ua.request(callback);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already been used');

    const other = new HttpUserAgent();
    const fresh = await other.signInAtProvider(url, 'test-idp', 'ops.qop');
    const stranger = await new HttpUserAgent().request(fresh);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('another browser');
    expect(stranger.headers.getSetCookie().join()).not.toContain('ifo_session=p_');
  });

  const refusedWith = async (rewrite: (idToken: string) => string) => {
    idp.rewriteIdToken = rewrite;
    try {
      const { ua, res } = await signIn('ops.qop');
      expect(res.status).toBe(400);
      expect(ua.cookie(url, 'ifo_session')).toBeUndefined();
      return warnings().at(-1)!;
    } finally {
      idp.rewriteIdToken = undefined;
    }
  };
  const payloadOf = (jwt: string) =>
    JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

  it('refuses a tampered ID token (signature checked against the JWKS)', async () => {
    const reason = await refusedWith((jwt) => {
      const [head, , signature] = jwt.split('.');
      const payload = { ...payloadOf(jwt), groups: ['6f1c2b0e-analysts-qwe'] };
      return `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    });
    expect(reason).toMatch(/signature/i);
  });

  it('refuses an ID token issued to another client (wrong audience)', async () => {
    const reason = await refusedWith((jwt) =>
      idp.signWithProviderKey({ ...payloadOf(jwt), aud: 'another-app', azp: 'another-app' }),
    );
    expect(reason).toMatch(/aud/);
  });

  it('refuses an expired ID token beyond the clock tolerance', async () => {
    const reason = await refusedWith((jwt) => {
      const seconds = Math.floor(Date.now() / 1000);
      return idp.signWithProviderKey({ ...payloadOf(jwt), iat: seconds - 600, exp: seconds - 120 });
    });
    expect(reason).toMatch(/exp/);
  });

  it('ends a session after the idle limit, and at the absolute limit however active', async () => {
    const start = new Date();
    clock = start;
    const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
    try {
      const { ua } = await signIn('analyst.qwe');
      for (const at of [29, 58, 87]) {
        clock = minutes(at);
        expect((await me(ua)).status, `active at ${at} min`).toBe(200);
      }
      clock = minutes(87 + 31);
      expect((await me(ua)).status, 'idle for 31 minutes').toBe(401);

      clock = start;
      const busy = (await signIn('analyst.qwe')).ua;
      for (const at of [25, 50, 75, 100, 119]) {
        clock = minutes(at);
        expect((await me(busy)).status, `active at ${at} min`).toBe(200);
      }
      clock = minutes(121);
      expect((await me(busy)).status, 'past the 2-hour limit').toBe(401);
    } finally {
      clock = new Date();
    }
  });

  it('signs out here and at the provider (RP-initiated logout)', async () => {
    const { ua } = await signIn('ops.qop');
    const out = await ua.request(`${url}/signout`, { method: 'POST', headers: { origin: url } });
    expect(out.status).toBe(200);
    const page = await out.text();
    const target = new URL(/content="0;url=([^"]+)"/.exec(page)![1]!.replaceAll('&amp;', '&'));
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/signin/signed-out`);
    expect(target.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(ua.cookie(url, 'ifo_session')).toBeUndefined();
    expect((await me(ua)).status).toBe(401);
    const atProvider = await ua.request(target.href);
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toContain('Yes, sign me out');
  });

  it('turns token sign-in off in the browser while bearer tokens keep working', async () => {
    const page = await (await fetch(`${url}/signin`)).text();
    expect(page).toContain('href="/signin/oidc/test-idp"');
    expect(page).not.toContain('name="token"');
    const link = await fetch(`${url}/signin?token=${encodeURIComponent(t.tokens.admin!)}`, {
      redirect: 'manual',
    });
    expect(link.status).toBe(403);
    expect(link.headers.get('set-cookie')).toBeNull();
    const form = await fetch(`${url}/signin`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(t.tokens.admin!)}`,
    });
    expect(form.status).toBe(403);
    expect((await fetch(`${url}/api/me`, { headers: t.auth('analyst_qop') })).status).toBe(200);
  });

  it('answers an unknown provider or a stray callback with a page, not an error', async () => {
    expect((await fetch(`${url}/signin/oidc/nobody`, { redirect: 'manual' })).status).toBe(404);
    const stray = await fetch(`${url}/signin/oidc/test-idp/callback?code=x&state=y`);
    expect(stray.status).toBe(400);
  });
});
