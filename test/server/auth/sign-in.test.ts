import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalAccess } from '../../../server/auth/ensure-local-access.js';
import { hashSecret } from '../../../server/auth/token-secret.js';
import { createApp } from '../../../server/create-app.js';
import { makeTestApp, now, type TestApp } from '../test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.warehouse.close());

function cookieOf(res: Response): string {
  const header = res.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

describe('browser sign-in', () => {
  it('GET /signin shows a form with no script', async () => {
    const res = await t.app.request('/signin');
    const page = await res.text();
    expect(page).toContain('<form method="post" action="/signin">');
    expect(page).not.toMatch(/<script/i);
    const scriptSrc = /script-src ([^;]*)/.exec(
      res.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(scriptSrc).toBe("'self'");
  });

  it('POST /signin sets an HttpOnly SameSite=Strict session cookie (not the token) and the cookie then works', async () => {
    const res = await t.app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(t.tokens.analyst_qop!)}`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(t.tokens.analyst_qop!);
    const cookie = cookieOf(res);
    const stored = await t.warehouse.connection.runAndReadAll(
      'SELECT session_hash FROM api_session',
    );
    expect(stored.getRowsJS().map((r) => r[0])).toContain(hashSecret(cookie.split('=')[1]!));
    const orgs = await t.app.request('/api/orgs', { headers: { cookie } });
    expect(orgs.status).toBe(200);
    expect(await orgs.text()).not.toContain('RW6');

    const out = await t.app.request('/signout', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost' },
    });
    expect(out.status).toBe(303);
    expect((await t.app.request('/api/orgs', { headers: { cookie } })).status).toBe(401);
  });

  it('GET /signin?token= signs in and redirects to / without the token in the URL', async () => {
    const res = await t.app.request(`/signin?token=${encodeURIComponent(t.tokens.operations!)}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect((await t.app.request('/api/live', { headers: { cookie: cookieOf(res) } })).status).toBe(
      200,
    );
  });

  it('refuses a wrong token with 401 and no cookie', async () => {
    const res = await t.app.request('/signin?token=ifo_wrong');
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('ends sessions when their token is revoked', async () => {
    const created = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: { ...t.auth('admin'), 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'regional', ics: ['QWE'], label: 'lead' }),
    });
    expect(created.status).toBe(201);
    const { token, token_id } = (await created.json()) as { token: string; token_id: string };
    const signIn = await t.app.request(`/signin?token=${encodeURIComponent(token)}`);
    const cookie = cookieOf(signIn);
    expect((await t.app.request('/api/live', { headers: { cookie } })).status).toBe(200);
    const revoke = await t.app.request(`/api/tokens/${token_id}`, {
      method: 'DELETE',
      headers: t.auth('admin'),
    });
    expect(revoke.status).toBe(200);
    expect((await t.app.request('/api/live', { headers: { cookie } })).status).toBe(401);
    expect(
      (await t.app.request('/api/live', { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
  });

  it('serves the built pages behind sign-in when staticRoot is given', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ifo-static-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>dash</title>');
    const app = createApp({ ...t.deps, staticRoot: root });
    const signedOut = await app.request('/');
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/signin');
    expect((await app.request('/signin')).status).toBe(200);
    const signedIn = await app.request('/index.html', { headers: t.auth('public') });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain('dash');
  });
});

describe('ensureLocalAccess(connection, secretsDir)', () => {
  it('writes an admin CLI token once (mode 0600) and a fresh one-click sign-in link each start', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ifo-secrets-')), 'secrets');
    mkdirSync(dir, { recursive: true });
    const first = await ensureLocalAccess(t.warehouse.connection, dir);
    const second = await ensureLocalAccess(t.warehouse.connection, dir);
    expect(second.cliToken).toBe(first.cliToken);
    expect(readFileSync(join(dir, 'cli.token'), 'utf8').trim()).toBe(first.cliToken);
    expect(statSync(join(dir, 'cli.token')).mode & 0o777).toBe(0o600);
    expect(second.signInUrlPath).not.toBe(first.signInUrlPath);
    expect((await t.app.request(first.signInUrlPath!)).status).toBe(401);
    expect((await t.app.request(second.signInUrlPath!)).status).toBe(303);
    expect(
      (
        await t.app.request('/api/tokens', {
          headers: { authorization: `Bearer ${first.cliToken}` },
        })
      ).status,
    ).toBe(200);
  });
});

describe('the one-click sign-in link', () => {
  it('starts one session, once; is never a bearer token; and the session ends with it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ifo-secrets-')), 'secrets');
    const { signInUrlPath } = await ensureLocalAccess(t.warehouse.connection, dir);
    const secret = decodeURIComponent(signInUrlPath!.split('token=')[1]!);
    const bearer = await t.app.request('/api/tokens', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(bearer.status).toBe(401);
    const first = await t.app.request(signInUrlPath!);
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.app.request('/api/tokens', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request(signInUrlPath!)).status).toBe(401);
    const posted = await t.app.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${encodeURIComponent(secret)}`,
    });
    expect(posted.status).toBe(401);
  });

  it('expires after its minutes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ifo-secrets-')), 'secrets');
    // Made 11 minutes before the app's clock, with the default 10-minute life.
    const made = new Date(now.getTime() - 11 * 60_000);
    const { signInUrlPath } = await ensureLocalAccess(t.warehouse.connection, dir, made);
    expect((await t.app.request(signInUrlPath!)).status).toBe(401);
  });
});

describe('ensureLocalAccess with people signing in through a provider', () => {
  it('makes no one-click link and revokes the earlier one', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ifo-secrets-')), 'secrets');
    const before = await ensureLocalAccess(t.warehouse.connection, dir);
    expect((await t.app.request(before.signInUrlPath!)).status).toBe(303);
    const after = await ensureLocalAccess(t.warehouse.connection, dir, new Date(), {
      signInLink: false,
    });
    expect(after.signInUrlPath).toBeNull();
    expect(after.cliToken).toBe(before.cliToken);
    expect((await t.app.request(before.signInUrlPath!)).status).toBe(401);
  });
});
