import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/build.js';
import { axeViolations, startBrowser, type BrowserSession } from './browser-session.js';
import { startDemoObservatory, type DemoObservatory } from './demo-observatory.js';

const screenshots = join(import.meta.dirname, '..', 'output', 'screenshots');
const realMonthly = '/work/shared/realdata/nhse-monthly-ae/Monthly-AE-May-2025.csv';
const pages = [
  { file: 'index.html', name: 'operations' },
  { file: 'flow.html', name: 'flow' },
  { file: 'inequalities.html', name: 'inequalities' },
  { file: 'explorer.html', name: 'explorer' },
  { file: 'region.html', name: 'region' },
  { file: 'quality.html', name: 'quality' },
  { file: 'reports.html', name: 'reports' },
];
/** Pages whose charts depend on what the data holds (quarantine reasons, archived reports). */
const chartOptional = new Set(['quality', 'reports']);

let demo: DemoObservatory;
let browser: BrowserSession;

beforeAll(async () => {
  await buildDashboards();
  mkdirSync(screenshots, { recursive: true });
  demo = await startDemoObservatory({
    days: 2,
    holdBack: 1,
    published: [realMonthly].filter((file) => existsSync(file)),
  });
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function signIn(page: Page, url = demo.observatory.signInUrl): Promise<void> {
  await page.goto(url);
}

async function waitForContent(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('first-chart').length > 0 ||
      document.querySelector('.banner.error:not([hidden])') !== null ||
      (document.querySelector('.content')?.children.length ?? 0) > 0,
    undefined,
    { timeout: 20_000 },
  );
}

describe('the dashboards in Chromium', () => {
  it('shows the sign-in page, not data, when signed out', async () => {
    const { page } = await browser.open();
    const response = await page.goto(`${demo.observatory.url}/index.html`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    expect(response?.status()).toBe(200);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('In ED now');
    const api = await page.request.get(`${demo.observatory.url}/api/live`);
    expect(api.status()).toBe(401);
    await page.close();
  });

  for (const { file, name } of pages) {
    it(`loads ${file} with marks drawn, no console error, no request off 127.0.0.1 and no serious axe violation`, async () => {
      const { page, log } = await browser.open();
      await signIn(page);
      await page.goto(`${demo.observatory.url}/${file}`);
      await waitForContent(page);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
      expect(await page.locator('.banner.error:not([hidden])').count()).toBe(0);
      const marks = await page.locator('figure.chart svg :is(path, circle, rect, line)').count();
      if (!chartOptional.has(name)) {
        expect(marks).toBeGreaterThan(0);
        expect(await page.evaluate(() => performance.getEntriesByName('first-chart').length)).toBe(
          1,
        );
      }
      expect(await page.locator('figure.chart figcaption').count()).toBe(
        await page.locator('figure.chart:not(.empty)').count(),
      );
      expect(log.consoleErrors).toEqual([]);
      expect(log.offHost).toEqual([]);
      expect(log.requests.every((url) => url.startsWith(demo.observatory.url))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('reaches every control of the explorer by keyboard, with the yellow focus ring', async () => {
    const { page } = await browser.open();
    await signIn(page);
    await page.goto(`${demo.observatory.url}/explorer.html`);
    await waitForContent(page);
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('a[href], button, select, input, summary')]
        .filter((el) => (el as HTMLElement).offsetParent !== null || el.tagName === 'SUMMARY')
        .map((el, i) => {
          el.setAttribute('data-control', String(i));
          return i;
        }),
    );
    const reached = new Set<string>();
    const rings: string[] = [];
    // A date input takes a Tab per field (day, month, year), so allow a few presses per control.
    for (let i = 0; i < controls.length * 4 + 10 && reached.size < controls.length; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return null;
        const style = getComputedStyle(el);
        return {
          id: el.getAttribute('data-control'),
          tag: `${el.tagName} ${el.getAttribute('type') ?? ''}`,
          ring: `${style.backgroundColor} ${style.boxShadow}`,
        };
      });
      if (focused?.id) {
        reached.add(focused.id);
        if (!focused.ring.includes('rgb(255, 184, 28)'))
          rings.push(`${focused.tag}: ${focused.ring}`);
      }
    }
    const missed = controls.map(String).filter((id) => !reached.has(id));
    expect(missed).toEqual([]);
    expect(rings).toEqual([]);
    await page.close();
  });

  it('updates the live page without a reload when a new feed file lands', async () => {
    const { page } = await browser.open();
    await signIn(page);
    await page.goto(`${demo.observatory.url}/index.html`);
    await page.waitForSelector('article.site');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const before = await page.locator('#sites-heading').evaluate((h) => h.parentElement!.innerText);
    const inbox = join(demo.dataDir, 'inbox');
    const held = demo.held[0];
    writeFileSync(join(inbox, held.feed, held.name), held.bytes);
    const landed = await demo.observatory.pollInbox();
    expect(landed.map((result) => result.fileName)).toEqual([held.name]);
    await page.waitForFunction(
      (previous) => document.querySelector('#sites-heading')?.parentElement?.innerText !== previous,
      before,
      { timeout: 20_000 },
    );
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    await page.screenshot({
      path: join(screenshots, 'operations-after-update.png'),
      fullPage: false,
    });
    await page.close();
  });

  it('shows a public token disclosure-controlled numbers and states the rule', async () => {
    const created = await fetch(`${demo.observatory.url}/api/tokens`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${demo.observatory.cliToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ role: 'public', label: 'browser test' }),
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const { page, log } = await browser.open();
    await signIn(page, `${demo.observatory.url}/signin?token=${encodeURIComponent(token)}`);
    await page.goto(
      `${demo.observatory.url}/explorer.html?indicator=ae_attendances&grain=day&by=sex`,
    );
    await waitForContent(page);
    await page.waitForSelector('.banner.disclosure:not([hidden])');
    const rule = await page.locator('.banner.disclosure').innerText();
    expect(rule).toMatch(/suppressed/);
    expect(rule).toMatch(/rounded to the nearest 5/);
    const counts = await page.evaluate(() =>
      [...document.querySelectorAll('details.data-table tbody tr td:nth-child(2)')].map(
        (td) => td.textContent ?? '',
      ),
    );
    const numbers = counts
      .map((text) => Number(text.replace(/,/g, '')))
      .filter((n) => Number.isFinite(n) && n > 0);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((n) => n % 5 === 0)).toBe(true);
    await page.screenshot({ path: join(screenshots, 'explorer-public.png'), fullPage: true });
    expect(log.offHost).toEqual([]);
    await page.close();
  });
});
