import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboards } from '../../dashboards/build.js';
import { formatValue } from '../../dashboards/charts/format-value.js';
import { axeViolations, startBrowser, type BrowserSession } from './browser-session.js';
import { startDemoObservatory, type DemoObservatory } from './demo-observatory.js';

const screenshots = join(import.meta.dirname, '..', 'output', 'screenshots');
/** NHS England's published May 2025 provider file: England 4-hour performance 75.4%. */
const realMonthly = join(
  import.meta.dirname,
  '..',
  '..',
  'data',
  'published',
  'ae-monthly',
  'Monthly-AE-May-2025.csv',
);
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
    days: 4,
    holdBack: 1,
    published: [realMonthly],
  });
  browser = await startBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/**
 * Signs a page in. The one-click link printed at start works once, so the pages sign in with
 * the local admin token instead, each in a session of its own.
 */
async function signIn(
  page: Page,
  url = `${demo.observatory.url}/signin?token=${encodeURIComponent(demo.observatory.cliToken)}`,
): Promise<void> {
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

  describe('shows on each page the numbers the API gives', () => {
    type Row = Record<string, unknown>;
    async function api<T>(page: Page, path: string): Promise<T> {
      const response = await page.request.get(`${demo.observatory.url}${path}`, {
        headers: { Accept: 'application/json' },
      });
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    }
    async function opened(file: string, ready: string): Promise<Page> {
      const { page } = await browser.open();
      await signIn(page);
      await page.goto(`${demo.observatory.url}/${file}`);
      await page.waitForSelector(ready, { timeout: 20_000 });
      return page;
    }
    /** Text cells of the data table whose summary starts with `title`. */
    async function dataTable(page: Page, title: string): Promise<string[][]> {
      return page.evaluate(
        (title) =>
          [...document.querySelectorAll('details.data-table')]
            .filter((d) =>
              d.querySelector('summary')?.textContent?.startsWith(`Data table: ${title}`),
            )
            .flatMap((d) => [...d.querySelectorAll('tbody tr')])
            .map((tr) => [...tr.querySelectorAll('th, td')].map((td) => td.textContent ?? '')),
        title,
      );
    }
    const view = (page: Page) => new URL(page.url()).searchParams;

    it('Operations: each site card’s people in ED now and 4-hour performance today', async () => {
      const page = await opened('index.html', 'article.site');
      const live = await api<{ sites: Row[] }>(page, '/api/live');
      expect(live.sites.length).toBeGreaterThan(0);
      for (const site of live.sites) {
        const card = page.locator(`article.site[data-site="${String(site.site_code)}"]`);
        const kpi = (label: string) =>
          card
            .locator('.kpi', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) })
            .locator('.value');
        expect(await kpi('In ED now').innerText()).toBe(String(site.in_department));
        expect(await kpi('4-hour so far today').innerText()).toBe(
          formatValue(site.four_hour_performance_today as number | null, 'proportion'),
        );
        // The judged (coloured) figure is the site's latest complete day.
        const days = await api<{ rows: Row[] }>(
          page,
          `/api/indicators/ae_4h_performance/values?org=${String(site.site_code)}&grain=day&complete=true`,
        );
        const lastDay = days.rows.at(-1);
        const judged = card.locator('.kpi', {
          has: page.locator('.label', { hasText: /^4-hour (?!so far)/ }),
        });
        expect(await judged.locator('.value').innerText()).toBe(
          formatValue((lastDay?.value as number | undefined) ?? null, 'proportion'),
        );
        expect(await card.locator('.kpi.good, .kpi.bad').allInnerTexts()).not.toContainEqual(
          expect.stringContaining('so far'),
        );
      }
      await page.close();
    });

    it('Flow: the data table’s latest value, numerator and denominator for the organisation', async () => {
      const page = await opened('flow.html', 'details.data-table');
      const { indicator, org, grain } = Object.fromEntries(view(page));
      const body = await api<{ rows: Row[] }>(
        page,
        `/api/indicators/${indicator}/values?org=${org}&grain=${grain}`,
      );
      const latest = body.rows.filter((r) => r.dimension === 'total' && r.org_code === org).at(-1)!;
      expect(latest).toBeDefined();
      const table = await dataTable(page, '');
      const shown = table.filter((cells) => cells[3] === String(latest.numerator ?? '–'));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.at(-1)!.slice(2, 5)).toEqual([
        formatValue(latest.value as number, 'proportion'),
        String(latest.numerator),
        String(latest.denominator),
      ]);
      await page.close();
    });

    it('Flow: the patient journey is the API’s cohort, stage by stage', async () => {
      const page = await opened('flow.html', 'details.data-table');
      await page
        .locator('details.data-table summary', { hasText: 'Patient journey' })
        .waitFor({ timeout: 30_000 });
      const org = view(page).get('org')!;
      const body = await api<{ rows: Row[] }>(page, `/api/journey?org=${org}&days=7`);
      expect(body.rows.length).toBeGreaterThan(0);
      const cohort = (stage: string) =>
        body.rows.filter((r) => r.stage === stage).reduce((n, r) => n + Number(r.patients), 0);
      expect(cohort('Now')).toBe(cohort('Arrival'));
      expect(await dataTable(page, 'Patient journey')).toEqual(
        body.rows.map((r) => [String(r.stage), String(r.category), String(r.patients)]),
      );
      await page.close();
    });

    it('Inequalities: the most and least deprived values and each group’s numerator', async () => {
      const page = await opened('inequalities.html', '#gap-heading');
      const { indicator, org, grain, by } = Object.fromEntries(view(page));
      const body = await api<{ groups: Row[]; summary: Row[] }>(
        page,
        `/api/indicators/${indicator}/inequality?org=${org}&grain=${grain}&by=${by}`,
      );
      const list = await page.locator('dl.summary-list').innerText();
      expect(list).toContain(
        `Most deprived\n${formatValue(body.summary[0]!.most_deprived as number, 'proportion')}`,
      );
      expect(list).toContain(
        `Least deprived\n${formatValue(body.summary[0]!.least_deprived as number, 'proportion')}`,
      );
      const table = await dataTable(page, '');
      expect(table.map((cells) => cells.slice(0, 3))).toEqual(
        body.groups
          .filter((g) => g.dimension === by)
          .map((g) => [String(g.category), String(g.numerator), String(g.denominator)]),
      );
      await page.close();
    });

    it('Indicator explorer: the data table’s value for every period of the SPC chart', async () => {
      const page = await opened('explorer.html', 'details.data-table');
      const query = view(page);
      const indicator = query.get('indicator')!;
      const { indicators } = await api<{ indicators: Row[] }>(page, '/api/indicators');
      const unit = String(indicators.find((i) => i.id === indicator)!.unit);
      const spc = await api<{ series: Row[] }>(
        page,
        `/api/indicators/${indicator}/spc?org=${query.get('org')}&grain=${query.get('grain')}&preset=${query.get('preset')}`,
      );
      expect(spc.series.length).toBeGreaterThan(0);
      const table = await dataTable(page, '');
      expect(table.map((cells) => cells[1])).toEqual(
        spc.series.map((r) => formatValue(r.value as number | null, unit)),
      );
      // Each provisional period is drawn hollow, labelled, and never judged.
      const provisional = spc.series.filter((r) => r.is_provisional === true);
      expect(provisional.length).toBeGreaterThan(0);
      expect(await page.locator('figure.chart svg g.provisional circle').count()).toBe(
        provisional.length,
      );
      expect(await page.locator('figure.chart svg text', { hasText: /^so far$/ }).count()).toBe(1);
      const judged = table.filter((cells) => !cells[5]!.startsWith('provisional'));
      expect(judged).toHaveLength(spc.series.length - provisional.length);
      expect(await page.locator('figure.chart figcaption').first().innerText()).toMatch(
        /So far .* \(provisional, \d+% of the day in, not judged\)/,
      );
      await page.close();
    });

    it('Region: England’s published four-hour performance for May 2025, 75.4%, as the API gives it', async () => {
      const page = await opened('region.html', '#ics-heading');
      await page.waitForSelector('details.data-table >> text=by region and England');
      const body = await api<{ rows: Row[] }>(
        page,
        '/api/indicators/ae_4h_performance/values?grain=month&org=ENG',
      );
      const may = body.rows.find(
        (r) => r.dimension === 'total' && String(r.period_start).startsWith('2025-05'),
      )!;
      expect(may.numerator).toBe(2_395_886 - 589_527);
      expect(may.denominator).toBe(2_395_886);
      expect(formatValue(may.value as number, 'proportion')).toBe('75.4%');
      const england = (await dataTable(page, 'Four-hour performance by region and England')).filter(
        (cells) => cells[0] === 'England',
      );
      expect(england).toContainEqual(['England', expect.stringMatching(/May 2025/), '75.4%']);
      await page.close();
    });

    it('Region: the ICS’s figures are its latest complete day, the day so far labelled beside it', async () => {
      const page = await opened('region.html', '#ics-heading');
      await page.waitForSelector('#ics-heading ~ div table tbody tr');
      const ics = (await api<{ rows: Row[] }>(page, '/api/orgs?type=ics')).rows.find(
        (o) => o.is_synthetic === true,
      )!;
      const spc = await api<{ series: Row[] }>(
        page,
        `/api/indicators/ae_4h_performance/spc?org=${String(ics.org_code)}&grain=day`,
      );
      const complete = spc.series.filter((r) => r.is_provisional !== true).at(-1)!;
      const soFar = spc.series.at(-1)!;
      expect(soFar.is_provisional).toBe(true);
      const cell = page
        .locator('#ics-heading ~ div table tbody tr', {
          has: page.locator('th', { hasText: String(ics.org_name).trim() }),
        })
        .locator('td')
        .nth(1);
      expect(await cell.locator('strong').innerText()).toBe(
        formatValue(complete.value as number, 'proportion'),
      );
      expect((await cell.locator('.so-far').innerText()).trim()).toMatch(
        new RegExp(
          `^so far .*: ${formatValue(soFar.value as number, 'proportion').replace('.', '\\.')} \\(provisional\\)$`,
        ),
      );
      await page.close();
    });

    it('Data quality: the reconciliation totals of the latest files', async () => {
      const page = await opened('quality.html', '#recon-heading');
      const { files } = await api<{ files: Row[] }>(page, '/api/feeds?limit=200');
      const sum = (key: string) =>
        files.reduce((n, f) => n + Number(f[key]), 0).toLocaleString('en-GB');
      expect(files.length).toBeGreaterThan(0);
      expect(await page.locator('#recon-heading + p').innerText()).toContain(
        `Latest ${files.length} files: ${sum('rows_in')} rows in = ${sum('rows_loaded')} loaded + ${sum('rows_quarantined')} quarantined + ${sum('rows_duplicate')} duplicate.`,
      );
      await page.close();
    });

    it('Reports: one row per archived report the API lists', async () => {
      const page = await opened('reports.html', 'main .content > *');
      const { reports } = await api<{ reports: Row[] }>(page, '/api/reports');
      const rows = await page.locator('main .content table tbody tr').count();
      expect(rows).toBe(reports.length);
      if (reports.length === 0)
        expect(await page.locator('main .content').innerText()).toMatch(/no report/i);
      await page.close();
    });
  });
});

describe('What if', () => {
  it('runs 20 more beds and pathway 3 delays halved at one trust and shows the effect with its ranges', async () => {
    const { page, log } = await browser.open();
    await signIn(page);
    await page.goto(`${demo.observatory.url}/whatif.html`);
    await page.waitForSelector('.scenario-form #where');
    await page.selectOption('#where', 'XA4');
    await page.fill('#beds', '20');
    await page.fill('#cut', '50');
    await page.selectOption('#cut-pathway', '3');
    await page.selectOption('#hours', '24');
    await page.click('.scenario-form button[type=submit]');
    await page.waitForSelector('.scenario-summary li', { timeout: 60_000 });
    const id = new URL(page.url()).searchParams.get('scenario')!;
    const { scenario } = await page.evaluate(
      async (path) => (await fetch(path)).json() as Promise<{ scenario: { summary: string[] } }>,
      `/api/scenarios/${id}?measure=arrivals`,
    );
    const shown = await page.locator('.scenario-summary li').allInnerTexts();
    expect(shown).toEqual(scenario.summary);
    expect(shown[0]).toMatch(
      /^12-hour waits at Rowan Dale General Hospital NHS Trust: \d+ → \d+ \(80% range/,
    );
    expect(await page.locator('figure.chart figcaption').count()).toBe(7);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(screenshots, 'whatif.png'), fullPage: true });
    expect(log.consoleErrors).toEqual([]);
    expect(log.offHost).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#beds', '-5000');
    await page.click('.scenario-form button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('.scenario-status')?.textContent?.startsWith('Not run: '),
    );
    expect(await page.locator('.scenario-status').innerText()).toContain('G&A beds leaves XA401');
    await page.close();
  });
});
