import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

const root = mkdtempSync(join(tmpdir(), 'notebooks-root-'));
let t: TestApp;
beforeAll(async () => {
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Notebooks</title>');
  writeFileSync(join(root, 'exit-block.html'), '<!doctype html><title>Exit block</title>');
  writeFileSync(join(root, 'assets', 'cell-2.arrow'), Buffer.from('ARROW1'));
  t = await makeTestApp({}, { notebooksRoot: root });
});
afterAll(() => {
  t.warehouse.close();
  rmSync(root, { recursive: true, force: true });
});

describe('createApp({ notebooksRoot })', () => {
  it('sends a visitor who is not signed in to /signin', async () => {
    const res = await t.app.request('/notebooks/exit-block.html');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin');
  });

  it('serves the built notebooks under /notebooks/ with the page CSP', async () => {
    const page = await t.app.request('/notebooks/exit-block.html', { headers: t.auth('analyst') });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Exit block</title>');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const index = await t.app.request('/notebooks/', { headers: t.auth('analyst') });
    expect(await index.text()).toContain('<title>Notebooks</title>');
    // A data file left in the folder (an extract from an older build) is served to no one.
    for (const role of ['admin', 'analyst', 'public_qop']) {
      const data = await t.app.request('/notebooks/assets/cell-2.arrow', {
        headers: t.auth(role),
      });
      expect(data.status, role).toBe(404);
      expect(await data.text()).not.toContain('ARROW1');
    }
  });

  it('redirects /notebooks to /notebooks/ and answers 404 for a missing page', async () => {
    const bare = await t.app.request('/notebooks', { headers: t.auth('analyst') });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/notebooks/');
    const missing = await t.app.request('/notebooks/nope.html', { headers: t.auth('analyst') });
    expect(missing.status).toBe(404);
  });

  it('does not serve files outside the notebooks folder', async () => {
    const res = await t.app.request('/notebooks/../package.json', { headers: t.auth('analyst') });
    expect(res.status).toBe(404);
  });
});
