import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from '../../pipelines/browser/chromium-path.js';

/** What a page did while loading: console errors and every request URL. */
export interface PageLog {
  consoleErrors: string[];
  requests: string[];
  offHost: string[];
}

/** A headless Chromium with a fresh profile, where every request is logged and off-host ones fail. */
export interface BrowserSession {
  context: BrowserContext;
  open(): Promise<{ page: Page; log: PageLog }>;
  close(): Promise<void>;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export async function startBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'observatory-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async open() {
      const page = await context.newPage();
      const log: PageLog = { consoleErrors: [], requests: [], offHost: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') log.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => log.consoleErrors.push(error.message));
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        log.requests.push(url);
        const host = new URL(url).hostname;
        if (host !== '127.0.0.1' && !url.startsWith('data:')) {
          log.offHost.push(url);
          await route.abort();
          return;
        }
        await route.continue();
      });
      return { page, log };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Serious and critical axe-core violations on the page, as "id: help (n nodes)". */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: string[] }>;
            }>;
          }>;
        };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`,
    );
}
