import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../pipelines/config.js';
import { archiveReport } from '../../pipelines/reports/archive-report.js';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;

function archive(reportsDir: string, audience: string, role: string, ics: string[] | null) {
  archiveReport(reportsDir, {
    html: `<!DOCTYPE html><html><body><h1>brief for ${audience}</h1></body></html>`,
    pdf: Buffer.from(`%PDF-1.4 ${audience}`),
    images: [{ name: 'chart', png: Buffer.from([0x89, 0x50, 0x4e, 0x47]) }],
    meta: {
      report: 'daily-brief',
      period: '2024-12-02',
      period_start: '2024-12-01',
      period_end: '2024-12-01',
      audience,
      role,
      ics,
      title: 'Daily operations brief',
      subtitle: 'Mon 2 Dec 2024',
      generated_at: '2024-12-02T07:30:00.000Z',
      figures: [],
    },
  });
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'report-routes-'));
  const config = {
    ...loadConfig({ OBSERVATORY_DATA: dataDir }),
    settings: { api: { versionTtlMs: 0 } },
  };
  t = await makeTestApp({}, { config });
  archive(config.reportsDir, 'regional', 'regional', null);
  archive(config.reportsDir, 'public', 'public', null);
  archive(config.reportsDir, 'operations-QOP', 'operations', ['QOP']);
});

const ids = async (token: string) => {
  const response = await t.app.request('/api/reports', { headers: t.auth(token) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { reports: Array<{ id: string; pdf_url: string }> };
  return body.reports.map((r) => r.id).sort();
};

describe('GET /api/reports', () => {
  it('needs sign-in', async () => {
    expect((await t.app.request('/api/reports')).status).toBe(401);
  });

  it('lists what each caller may read: public only public renderings, scoped callers only their ICS', async () => {
    expect(await ids('regional')).toEqual([
      'daily-brief--2024-12-02--operations-QOP',
      'daily-brief--2024-12-02--public',
      'daily-brief--2024-12-02--regional',
    ]);
    expect(await ids('public')).toEqual(['daily-brief--2024-12-02--public']);
    expect(await ids('analyst_qop')).toEqual(['daily-brief--2024-12-02--operations-QOP']);
    expect(await ids('regional_qwe')).toEqual([]);
  });
});

describe('GET /api/reports/:id', () => {
  it('returns the archived HTML with a policy that lets its inline images and styles show', async () => {
    const response = await t.app.request('/api/reports/daily-brief--2024-12-02--regional', {
      headers: t.auth('analyst'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
    );
    expect(await response.text()).toContain('brief for regional');
  });

  it('returns the PDF and an image by ?file=', async () => {
    const pdf = await t.app.request(
      '/api/reports/daily-brief--2024-12-02--public?file=report.pdf',
      { headers: t.auth('public') },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString()).toBe('%PDF-1.4 public');
    const png = await t.app.request(
      '/api/reports/daily-brief--2024-12-02--public?file=images/chart.png',
      { headers: t.auth('public') },
    );
    expect(png.headers.get('content-type')).toBe('image/png');
  });

  it('answers 404 for a rendering the caller may not read, as for one that does not exist', async () => {
    const hidden = await t.app.request('/api/reports/daily-brief--2024-12-02--regional', {
      headers: t.auth('public'),
    });
    expect(hidden.status).toBe(404);
    const missing = await t.app.request('/api/reports/daily-brief--2099-01-01--regional', {
      headers: t.auth('public'),
    });
    expect(missing.status).toBe(404);
    expect(((await hidden.json()) as { error: string }).error).toMatch(/no archived report/);
  });

  it('refuses any other file name, including a path out of the folder', async () => {
    for (const file of ['../../../etc/passwd', 'images/../meta.json', 'report.exe']) {
      const response = await t.app.request(
        `/api/reports/daily-brief--2024-12-02--regional?file=${encodeURIComponent(file)}`,
        { headers: t.auth('admin') },
      );
      expect(response.status, file).toBe(400);
    }
  });
});

describe('POST /api/reports/:report/run', () => {
  it('is for admins only', async () => {
    const response = await t.app.request('/api/reports/daily-brief/run', {
      method: 'POST',
      headers: t.auth('regional'),
    });
    expect(response.status).toBe(403);
  });

  it('checks the report name, the date and the address before running anything', async () => {
    const post = (path: string, body: unknown) =>
      t.app.request(path, {
        method: 'POST',
        headers: { ...t.auth('admin'), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/reports/yearly/run', {})).status).toBe(400);
    const badDate = await post('/api/reports/daily-brief/run', { date: '2024-13-01x' });
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as { error: string }).error).toBe(
      'date must be a date written YYYY-MM-DD; got "2024-13-01x"',
    );
    const badAddress = await post('/api/reports/daily-brief/run', { to: 'not an address' });
    expect(badAddress.status).toBe(400);
    expect(((await badAddress.json()) as { error: string }).error).toBe(
      'to must be one email address; got "not an address"',
    );
    const badRole = await post('/api/reports/daily-brief/run', { to: 'a@b.nhs.uk', role: 'root' });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: string }).error).toMatch(
      /^role must be one of admin, .*; got "root"$/,
    );
    const badIcs = await post('/api/reports/daily-brief/run', { to: 'a@b.nhs.uk', ics: ['q'] });
    expect(((await badIcs.json()) as { error: string }).error).toBe(
      'ics[0] must be a list of ICS codes of 3–9 capital letters or digits, such as ["QOP"]; got "q"',
    );
  });
});
