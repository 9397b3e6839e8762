import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/build.js';
import { serveApp, type RunningServer } from '../../server/serve-app.js';
import {
  authSettings,
  clientSecret,
  startIdentityProvider,
  type IdentityProvider,
} from '../server/auth/start-identity-provider.js';
import { makeTestApp, type TestApp } from '../server/test-app.js';
import { startBrowser, type BrowserSession } from './browser-session.js';

let t: TestApp;
let idp: IdentityProvider;
let server: RunningServer;
let browser: BrowserSession;
let url: string;
const pages = mkdtempSync(join(tmpdir(), 'observatory-sso-pages-'));

beforeAll(async () => {
  await buildDashboards({ outDir: pages });
  idp = await startIdentityProvider();
  t = await makeTestApp(
    { auth: authSettings(idp.issuer) },
    { staticRoot: pages, env: { TEST_IDP_SECRET: clientSecret } },
  );
  server = await serveApp(t.app, { host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${server.port}`;
  idp.register(url);
  browser = await startBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await idp?.close();
  t?.warehouse.close();
  rmSync(pages, { recursive: true, force: true });
});

describe('signing in through the provider in Chromium', () => {
  it('signs in on the provider’s login page, lands on the operations view with role and scope, and signs out there too', async () => {
    const { page } = await browser.open();
    // Every request the signed-in pages make goes with the session: none is refused.
    const refused: string[] = [];
    page.on('response', (response) => {
      if ([401, 403].includes(response.status()) && response.url().startsWith(url))
        refused.push(response.url());
    });
    await signIn(page);
    await expect
      .poll(() => page.locator('.signed-in').textContent(), { timeout: 10_000 })
      .toBe('Olu Adeyemi · operations · QOP');
    expect(await page.locator('h1').first().textContent()).toMatch(/Operations/);
    const seen = await page.evaluate(async () => {
      const orgs = await (await fetch('/api/orgs')).json();
      return JSON.stringify(orgs);
    });
    expect(seen).toContain('R0A');
    expect(seen).not.toContain('RW6');
    expect(refused).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signOutAtProvider(page);
  }, 60_000);

  it('signs out at the provider even when the page’s own requests come back 401 first', async () => {
    const { page } = await browser.open();
    await signIn(page);
    // Hold the page's API requests, then sign out: the held requests are let go only once the
    // session has ended here, so they come back 401 before the sign-out's answer arrives. The
    // page must not send itself to /signin for them, which would cancel the way to the provider.
    const held: Array<() => Promise<void>> = [];
    await page.route(`${url}/api/**`, (route) => {
      held.push(() => route.continue());
    });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect.poll(() => held.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.route(`${url}/signout`, async (route) => {
      // Sent on by the test, the request loses the Sec-Fetch-Site header Chromium gave it.
      const headers = { ...(await route.request().allHeaders()), 'sec-fetch-site': 'same-origin' };
      const answer = await route.fetch({ headers });
      const refused = held.map(() => page.waitForResponse((r) => r.status() === 401));
      await Promise.all(held.map((release) => release()));
      await Promise.all(refused);
      await route.fulfill({ response: answer });
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signOutAtProvider(page);
  }, 60_000);
});

/** From the observatory, sent to sign in, through the provider's login page and back. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${url}/`);
  expect(new URL(page.url()).pathname).toBe('/signin');
  await page.getByRole('link', { name: 'Sign in with Test NHS Identity' }).click();
  await page.waitForURL((at) => at.origin === idp.issuer);
  await page.locator('input[name="login"]').fill('ops.qop');
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${url}/`);
}

/** After "Sign out": the provider asks, the observatory says so, and the session is gone. */
async function signOutAtProvider(page: Page): Promise<void> {
  await page.waitForURL((at) => at.origin === idp.issuer);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL(`${url}/signin/signed-out`);
  expect(await page.getByRole('alert').textContent()).toContain('You are signed out');
  await page.goto(`${url}/`);
  expect(new URL(page.url()).pathname).toBe('/signin');
}
