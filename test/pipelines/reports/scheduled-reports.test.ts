import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../../dashboards/charts/format-value.js';
import { loadConfig, type ObservatoryConfig } from '../../../pipelines/config.js';
import { acknowledgeAlert, indicatorRegistry, xmr } from '../../../pipelines/indicators/index.js';
import {
  reportEffects,
  reportJobs,
  runReport,
  type ArchiveMeta,
} from '../../../pipelines/reports/index.js';
import { startSchedules, type Scheduler } from '../../../pipelines/schedule/index.js';
import type { Warehouse } from '../../../pipelines/warehouse/index.js';
import type { AppDeps } from '../../../server/app-deps.js';
import { createToken } from '../../../server/auth/token-store.js';
import { createApp, EventHub, type ObservatoryApp } from '../../../server/index.js';
import { startLoopbackSmtp, type LoopbackSmtp } from './loopback-smtp.js';
import { quietLog, reportNow, reportWarehouse } from './report-warehouse.js';

let dir: string;
let warehouse: Warehouse;
let smtp: LoopbackSmtp;
let config: ObservatoryConfig;
let app: ObservatoryApp;
const tokens: Record<string, string> = {};

const lead = 'regional.lead@example.nhs.uk';
const board = 'public.board@example.org';

function configWith(reports: Record<string, unknown>): ObservatoryConfig {
  return {
    ...loadConfig({ OBSERVATORY_DATA: dir }),
    settings: { api: { versionTtlMs: 0 }, reports: { smtp: { url: smtp.url }, ...reports } },
  };
}

async function api(path: string, token: string): Promise<Record<string, unknown>> {
  const response = await app.request(path, {
    headers: { authorization: `Bearer ${tokens[token]}` },
  });
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function archived(path: string): ArchiveMeta {
  return JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8')) as ArchiveMeta;
}

/** Every figure of an archived report equals the API's value for the same indicator, org and period. */
async function expectFiguresFromApi(meta: ArchiveMeta, token: string, html: string) {
  const figures = meta.figures as Array<{
    indicator_id: string;
    org_code: string;
    grain: string;
    period_start: string;
    value: number | null;
    measure: string;
  }>;
  expect(figures.length).toBeGreaterThan(0);
  let checked = 0;
  for (const figure of figures.filter((f) => f.measure === 'value').slice(0, 40)) {
    const body = await api(
      `/api/indicators/${figure.indicator_id}/values?org=${figure.org_code}&grain=${figure.grain}&from=${figure.period_start}&to=${figure.period_start}`,
      token,
    );
    const rows = body.rows as Array<{ period_start: string; value: number | null }>;
    const row = rows.find((r) => r.period_start.startsWith(figure.period_start));
    expect(row?.value ?? null, `${figure.indicator_id} ${figure.org_code}`).toBe(figure.value);
    if (figure.value !== null) {
      const unit = indicatorRegistry.find((i) => i.id === figure.indicator_id)!.unit;
      expect(html).toContain(formatValue(figure.value, unit).replace(/&/g, '&#38;'));
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reports-'));
  [warehouse, smtp] = await Promise.all([reportWarehouse(dir), startLoopbackSmtp()]);
  config = configWith({});
  const deps: AppDeps = {
    connection: warehouse.connection,
    config,
    now: () => reportNow,
    log: quietLog,
    registry: indicatorRegistry,
    ingest: () => Promise.reject(new Error('no ingest in this test')),
    feedStatus: () => Promise.resolve([]),
    xmr: xmr as AppDeps['xmr'],
    acknowledgeAlert,
    events: new EventHub(),
  };
  app = createApp(deps);
  for (const role of ['admin', 'regional', 'public'] as const)
    tokens[role] = (await createToken(warehouse.connection, { role }, reportNow)).token;
}, 600_000);

afterAll(async () => {
  await app?.shutdown();
  await smtp?.close();
  warehouse?.close();
});

describe('reportJobs(config, deps) on the schedule', () => {
  it('mails the daily brief on its cron tick with a PDF and inline charts, numbers equal to the API', async () => {
    const jobConfig = configWith({
      retry: { attempts: 2, baseMs: 1 },
      definitions: {
        'daily-brief': { cron: '30 7 * * *', recipients: [{ address: lead, role: 'regional' }] },
      },
    });
    const ticks = new Map<string, () => void>();
    const scheduler: Scheduler = (expression, tick) => {
      ticks.set(expression, tick);
      return { stop() {} };
    };
    const jobs = reportJobs(jobConfig, {
      connection: warehouse.connection,
      log: quietLog,
      now: () => reportNow,
      env: {},
    });
    expect(jobs.map((j) => j.name)).toEqual([
      'report:daily-brief',
      'report:weekly-flow',
      'report:monthly-published',
    ]);
    const running = startSchedules(
      jobs.filter((j) => j.name === 'report:daily-brief'),
      {
        connection: warehouse.connection,
        now: () => reportNow,
        log: quietLog,
        scheduler,
        sleep: () => Promise.resolve(),
      },
    );
    ticks.get('30 7 * * *')!();
    await running.stop();

    const run = (
      await warehouse.connection.runAndReadAll(
        "SELECT status, detail FROM pipeline_run WHERE job = 'report:daily-brief'",
      )
    ).getRowObjectsJS();
    expect(run).toEqual([
      { status: 'succeeded', detail: expect.stringContaining('2025-06-30: 1 sent, 0 failed') },
    ]);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(lead);
    expect(mail.subject).toBe('Daily operations brief: Mon 30 Jun 2025: flow on Sun 29 Jun 2025');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf')!;
    expect(pdf.filename).toBe('daily-brief-2025-06-30.pdf');
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images.length).toBeGreaterThanOrEqual(1);
    const html = mail.html as string;
    for (const image of images) {
      expect(image.content.subarray(1, 4).toString()).toBe('PNG');
      expect(image.cid).toBeTruthy();
    }
    expect(mail.textAsHtml).toBeDefined();
    expect(html).not.toMatch(/<script|src="https?:|href="https?:/i);
    expect(html).toContain('What changed');
    expect(html).toContain('Where to look');
    expect(html).toContain('Source: indicator ae_4h_performance, org');
    expect(html).toContain('#005EB8');

    const row = (
      await warehouse.connection.runAndReadAll(
        "SELECT delivery_id, status, attempts, archive_path FROM report_delivery WHERE report = 'daily-brief'",
      )
    ).getRowObjectsJS();
    expect(row).toEqual([
      {
        delivery_id: `daily-brief|2025-06-30|${lead}`,
        status: 'sent',
        attempts: 1,
        archive_path: expect.stringContaining(
          join('reports', 'daily-brief', '2025-06-30', 'regional'),
        ),
      },
    ]);
    const meta = archived(row[0]!.archive_path as string);
    const archiveHtml = readFileSync(join(row[0]!.archive_path as string, 'report.html'), 'utf8');
    expect(archiveHtml).toContain('data:image/png;base64,');
    await expectFiguresFromApi(meta, 'regional', html);
    writeFileSync(join(dir, 'daily-brief.pdf'), pdf.content);

    const listed = await api('/api/reports', 'regional');
    expect((listed.reports as Array<{ id: string }>).map((r) => r.id)).toContain(
      'daily-brief--2025-06-30--regional',
    );
  }, 180_000);
});

describe('runReport(report, options, effects)', () => {
  it('gives a public recipient the weekly report under disclosure control, equal to the public API', async () => {
    const effects = reportEffects(
      configWith({
        definitions: {
          'weekly-flow': {
            recipients: [
              { address: lead, role: 'regional' },
              { address: board, role: 'public' },
            ],
          },
        },
      }),
      { connection: warehouse.connection, log: quietLog, now: () => reportNow, env: {} },
    );
    const before = smtp.messages.length;
    const result = await runReport('weekly-flow', { date: '2025-06-30' }, effects);
    expect(result).toMatchObject({
      period: '2025-W26',
      sent: [lead, board],
      failed: [],
      skipped: [],
    });
    expect(result.archives.map((a) => a.audience).sort()).toEqual(['public', 'regional']);
    const mails = smtp.messages.slice(before);
    const publicMail = mails.find((m) => m.to && 'text' in m.to && m.to.text === board)!;
    const publicHtml = publicMail.html as string;
    expect(publicHtml).toContain('Disclosure control applied');
    expect(publicHtml).toContain('Counts from 1 to 7 are suppressed');
    expect(publicHtml).not.toContain('Open alerts');
    expect(mails.find((m) => m !== publicMail)!.html as string).not.toContain(
      'Disclosure control applied',
    );
    const publicMeta = archived(result.archives.find((a) => a.audience === 'public')!.path);
    await expectFiguresFromApi(
      {
        ...publicMeta,
        figures: publicMeta.figures.filter((f) => (f as { grain: string }).grain === 'week'),
      },
      'public',
      publicHtml,
    );
    writeFileSync(
      join(dir, 'weekly-flow.pdf'),
      publicMail.attachments.find((a) => a.contentType === 'application/pdf')!.content,
    );
    const listed = await api('/api/reports', 'public');
    expect(
      (listed.reports as Array<{ audience: string }>).every((r) => r.audience === 'public'),
    ).toBe(true);
  }, 180_000);

  it('reports every ICB and region of the latest published month against 78%', async () => {
    const effects = reportEffects(
      configWith({
        definitions: { 'monthly-published': { recipients: [{ address: lead, role: 'regional' }] } },
      }),
      { connection: warehouse.connection, log: quietLog, now: () => reportNow, env: {} },
    );
    const result = await runReport('monthly-published', { date: '2025-06-30' }, effects);
    expect(result).toMatchObject({ period: '2025-05', sent: [lead], failed: [] });
    const mail = smtp.messages.at(-1)!;
    const html = mail.html as string;
    expect(html).toContain('Integrated care boards, May 2025');
    expect(html).toContain('Meets 78%');
    const meta = archived(result.archives[0]!.path);
    const icbs = (meta.figures as Array<{ indicator_id: string; org_code: string }>).filter(
      (f) => f.indicator_id === 'ae_4h_performance',
    );
    expect(icbs.length).toBeGreaterThan(40);
    await expectFiguresFromApi(meta, 'regional', html);
    writeFileSync(
      join(dir, 'monthly-published.pdf'),
      mail.attachments.find((a) => a.contentType === 'application/pdf')!.content,
    );
  }, 180_000);

  it('retries a refused delivery, records it failed, shows it in /api/health and the next brief, and never sends twice', async () => {
    const failing = 'ics.control@example.nhs.uk';
    const effects = reportEffects(
      configWith({
        retry: { attempts: 3, baseMs: 10 },
        definitions: {
          'daily-brief': {
            recipients: [
              { address: lead, role: 'regional' },
              { address: failing, role: 'operations', ics: ['XQA'] },
            ],
          },
        },
      }),
      { connection: warehouse.connection, log: quietLog, now: () => reportNow, env: {} },
    );
    const waits: number[] = [];
    effects.sleep = (ms) => {
      waits.push(ms);
      return Promise.resolve();
    };
    smtp.mode = 'reject';
    const sentBefore = smtp.messages.length;
    const failed = await runReport('daily-brief', { date: '2025-06-30' }, effects);
    expect(failed.skipped).toEqual([lead]);
    expect(failed.failed).toEqual([{ recipient: failing, error: expect.stringContaining('554') }]);
    expect(smtp.refused).toBe(3);
    expect(waits).toEqual([10, 20]);
    const health = await api('/api/health', 'admin');
    expect(health.delivery_failures).toMatchObject([
      { recipient: failing, attempts: 3, report: 'daily-brief', period: '2025-06-30' },
    ]);

    const dashboard = await api('/api/reports', 'admin');
    expect((dashboard.reports as Array<{ id: string }>).map((r) => r.id)).toContain(
      'daily-brief--2025-06-30--operations-XQA',
    );

    smtp.mode = 'accept';
    const retried = await runReport('daily-brief', { date: '2025-06-30' }, effects);
    expect(retried).toMatchObject({ sent: [failing], failed: [], skipped: [lead] });
    const again = await runReport('daily-brief', { date: '2025-06-30' }, effects);
    expect(again).toMatchObject({ sent: [], failed: [], skipped: [lead, failing] });
    const received = smtp.messages
      .slice(sentBefore)
      .map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
    expect(received).toEqual([failing]);
    const rows = (
      await warehouse.connection.runAndReadAll(
        "SELECT recipient, status, attempts FROM report_delivery WHERE report = 'daily-brief' ORDER BY recipient",
      )
    ).getRowObjectsJS();
    expect(rows).toEqual([
      { recipient: failing, status: 'sent', attempts: 4 },
      { recipient: lead, status: 'sent', attempts: 1 },
    ]);
  }, 180_000);

  it('puts a failed delivery in the next brief under "Delivery problems"', async () => {
    await warehouse.connection.run(
      "INSERT INTO report_delivery VALUES ('weekly-flow|2025-W26|gone@example.org', 'weekly-flow', '2025-W26', 'gone@example.org', 'failed', 3, '550 mailbox unavailable', NULL, TIMESTAMP '2025-06-30 08:00:00')",
    );
    await smtp.close();
    const effects = reportEffects(
      configWith({
        retry: { attempts: 2, baseMs: 0 },
        definitions: {
          'daily-brief': { recipients: [{ address: 'duty@example.nhs.uk', role: 'operations' }] },
        },
      }),
      { connection: warehouse.connection, log: quietLog, now: () => reportNow, env: {} },
    );
    const result = await runReport('daily-brief', { date: '2025-06-30' }, effects);
    expect(result.failed).toEqual([
      { recipient: 'duty@example.nhs.uk', error: expect.stringMatching(/ECONNREFUSED|connect/) },
    ]);
    const html = readFileSync(join(result.archives[0]!.path, 'report.html'), 'utf8');
    expect(html).toContain('Delivery problems');
    expect(html).toContain('2025-W26');
    // An operations audience learns that a delivery failed, not to whom (nor the mail
    // server's words, which quote the address): recipients are for unscoped administrators.
    expect(html).not.toContain('gone@example.org');
    expect(html).not.toContain('550 mailbox unavailable');
    mkdirSync(join(dir, 'pages'), { recursive: true });
    if (process.env.REPORT_PAGES) {
      for (const name of ['daily-brief', 'weekly-flow', 'monthly-published'])
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '60',
          join(dir, `${name}.pdf`),
          join(process.env.REPORT_PAGES, name),
        ]);
    }
  }, 180_000);
});
