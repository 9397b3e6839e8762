import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../pipelines/browser/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.js';
import { acknowledgeAlert, indicatorRegistry, xmr } from '../../pipelines/indicators/index.js';
import { feedStatus } from '../../pipelines/ingest/index.js';
import type { Warehouse } from '../../pipelines/warehouse/index.js';
import {
  buildNotebooks,
  notebookFiles,
  observatoryClient,
  type BuildNotebooksResult,
} from '../../notebooks/index.js';
import type { AppDeps } from '../../server/app-deps.js';
import { createToken } from '../../server/auth/token-store.js';
import { createApp, type ObservatoryApp } from '../../server/create-app.js';
import { EventHub } from '../../server/events/event-hub.js';
import { serveApp, type RunningServer } from '../../server/serve-app.js';
import { notebookWarehouse, quietLog } from './notebook-warehouse.js';

const notebooksRoot = join(import.meta.dirname, '..', '..', 'notebooks');
const screenshots = join(import.meta.dirname, '..', 'output', 'notebooks');
const now = new Date('2025-07-01T09:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'notebooks-test-'));
const outDir = join(dir, 'dist');

let warehouse: Warehouse;
let built: BuildNotebooksResult;
let app: ObservatoryApp;
let server: RunningServer;
let browser: Browser;
let token: string;

beforeAll(async () => {
  warehouse = await notebookWarehouse(join(dir, 'data'), { days: 4 });
  built = await buildNotebooks({
    root: notebooksRoot,
    outDir,
    log: quietLog,
    now: () => now,
  });
  const deps: AppDeps = {
    connection: warehouse.connection,
    config: { ...loadConfig({ OBSERVATORY_DATA: join(dir, 'data') }), settings: {} },
    now: () => now,
    log: quietLog,
    registry: indicatorRegistry,
    ingest: () => Promise.reject(new Error('not used')),
    feedStatus: (connection) => feedStatus(connection),
    xmr: xmr as AppDeps['xmr'],
    acknowledgeAlert,
    events: new EventHub(),
    notebooksRoot: outDir,
  };
  app = createApp(deps);
  token = (await createToken(warehouse.connection, { role: 'admin' }, now)).token;
  server = await serveApp(app, { host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(screenshots, { recursive: true });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Rendered {
  errors: string[];
  external: string[];
  cellErrors: number;
  figures: number;
  summary: string | null;
  june: Array<{ org: string; period: string; value: string }>;
}

async function render(name: string, timeout = 10_000, ready?: string): Promise<Rendered> {
  const origin = `http://127.0.0.1:${server.port}`;
  const context = await browser.newContext({
    viewport: { width: 1100, height: 900 },
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    external.push(url);
    return route.abort();
  });
  const res = await page.goto(`${origin}/notebooks/${name}`, {
    waitUntil: 'networkidle',
    timeout: Math.max(30_000, timeout),
  });
  expect(res?.status()).toBe(200);
  await page.waitForFunction(() => !document.querySelector('.observablehq--running'), null, {
    timeout,
  });
  // A cell awaiting a long computation is not marked running: wait for what it shows.
  if (ready) await page.waitForSelector(ready, { timeout });
  await page.screenshot({ path: join(screenshots, name.replace('.html', '.png')), fullPage: true });
  const rendered = {
    errors,
    external,
    cellErrors: await page.locator('.observablehq--error').count(),
    figures: await page.locator('main svg').count(),
    // Only the what-if notebook has a summary; a locator would wait for it on the others.
    summary: await page
      .$eval('#what-if-summary', (element) => element.textContent?.trim() ?? null)
      .catch(() => null),
    june: await page.$$eval('#latest-month tr[data-org]', (rows) =>
      rows.map((row) => ({
        org: (row as HTMLElement).dataset.org!,
        period: (row as HTMLElement).dataset.period!,
        value: row.querySelector('.value')!.textContent!,
      })),
    ),
  };
  await context.close();
  return rendered;
}

describe('buildNotebooks({ data, root, outDir })', () => {
  it('builds every notebook in notebooks/ to a static page holding no data', () => {
    expect(built.notebooks).toEqual(notebookFiles(notebooksRoot));
    expect(built.notebooks.length).toBeGreaterThanOrEqual(6);
    for (const name of built.notebooks) expect(readdirSync(outDir)).toContain(name);
    // The pages read the API when viewed: no query result is built into them.
    const assets = readdirSync(join(outDir, 'assets'));
    expect(assets.filter((f) => /\.(arrow|parquet|csv|json)$/.test(f))).toEqual([]);
  });

  it('leaves no CDN import in the pages or their notebook scripts', () => {
    for (const name of built.notebooks) {
      expect(readFileSync(join(outDir, name), 'utf8')).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    }
    const notebookScripts = readdirSync(join(outDir, 'assets')).filter((f) =>
      built.notebooks.some((n) => f.startsWith(`${n.replace('.html', '')}-`) && f.endsWith('.js')),
    );
    // Every notebook with a JS or SQL cell has its own script; a notebook of text alone has none.
    expect(notebookScripts.length).toBeGreaterThanOrEqual(built.notebooks.length - 1);
    for (const file of notebookScripts)
      expect(readFileSync(join(outDir, 'assets', file), 'utf8')).not.toContain('cdn.jsdelivr');
  });
});

describe('the built notebooks in Chromium, served at /notebooks/', () => {
  it.each([
    'exit-block.html',
    'deprivation-gradient.html',
    'discharge-delays.html',
    'nhse-four-hour-icb.html',
    'template.html',
    'index.html',
  ])(
    '%s renders with no errors and no request leaving the server',
    async (name) => {
      const page = await render(name);
      expect(page.errors).toEqual([]);
      expect(page.external).toEqual([]);
      expect(page.cellErrors).toBe(0);
      if (name !== 'index.html') expect(page.figures).toBeGreaterThan(0);
    },
    30_000,
  );

  it('shows the same June 2025 4-hour performance for England and every ICB as the API', async () => {
    const page = await render('nhse-four-hour-icb.html');
    const june = page.june.filter((row) => row.period === '2025-06');
    expect(june.length).toBeGreaterThanOrEqual(40);
    const client = observatoryClient({
      token,
      fetch: (input, init) => Promise.resolve(app.request(String(input), init)),
    });
    const api = await client.indicatorValues('ae_4h_performance', {
      grain: 'month',
      from: '2025-06-01',
      to: '2025-06-01',
    });
    const byOrg = new Map(api.map((row) => [row.org_code, row.value]));
    for (const row of june) {
      expect(byOrg.has(row.org), row.org).toBe(true);
      expect(row.value, row.org).toBe(`${(100 * byOrg.get(row.org)!).toFixed(1)}%`);
    }
    // NHS England's published June 2025 figure for England (all types): 75.5%.
    expect(june.find((row) => row.org === 'ENG')?.value).toBe('75.5%');
  }, 30_000);

  it('what-if-beds-and-delays.html runs the plan at the fullest trust and shows its effect with bands', async () => {
    const page = await render('what-if-beds-and-delays.html', 150_000, '#what-if-summary');
    expect(page.errors).toEqual([]);
    expect(page.external).toEqual([]);
    expect(page.cellErrors).toBe(0);
    // four measures, each baseline and plan with 80% and 95% bands
    expect(page.figures).toBeGreaterThanOrEqual(4);
    expect(page.summary).toMatch(
      /^12-hour waits at .+: \d+ → \d+ \(80% range \d+–\d+\) over 72 h; change [−+]?[\d.]+ \(80% range [−+]?[\d.]+ to [−+]?[\d.]+\)$/,
    );
    // the scenario it ran is saved, with the notebook's plan, and its summary is the page's
    const listed = (await (
      await app.request('/api/scenarios', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      scenarios: Array<{ name: string; summary: string[]; request: { levers: unknown[] } }>;
    };
    const notebook = listed.scenarios.find((s) => s.name.startsWith('Notebook: 20 beds'))!;
    expect(notebook.request.levers).toEqual([
      expect.objectContaining({ kind: 'beds', beds: 20 }),
      expect.objectContaining({ kind: 'nctr_cut', pathway: 3, percent: 50 }),
    ]);
    expect(notebook.summary).toContain(page.summary);
  }, 200_000);
});
