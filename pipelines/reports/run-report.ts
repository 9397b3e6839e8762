import { mkdirSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../feeds/feed.js';
import { queryTable, sql, typedRowsOf, type DisclosureRule } from '../read/index.js';
import { archiveId, archiveReport } from './archive-report.js';
import { buildDailyBrief } from './build-daily-brief.js';
import { buildMonthlyReport } from './build-monthly-report.js';
import { buildWeeklyReport } from './build-weekly-report.js';
import { deliveryId, deliveryStatuses, recordDelivery } from './delivery-ledger.js';
import type { MailTransport } from './mail-transport.js';
import { chartPng } from './render-chart.js';
import type { PdfRenderer } from './render-pdf.js';
import { renderReportHtml } from './render-report-html.js';
import type { Recipient, ReportConfig, ReportName } from './report-config.js';
import type { ReportDocument } from './report-document.js';
import { londonDate, reportPeriod, type ReportPeriod } from './report-period.js';
import { audienceKey, ReportReader, type Audience } from './report-reader.js';

export interface ReportEffects {
  /** Reads the warehouse and writes report_delivery. */
  connection: DuckDBConnection;
  config: ReportConfig;
  disclosureRule: DisclosureRule;
  reportsDir: string;
  transport: MailTransport;
  renderPdf: PdfRenderer;
  now: () => Date;
  log: Logger;
  /** Waits between delivery attempts; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunReportOptions {
  /** The run date (YYYY-MM-DD, Europe/London); default today. */
  date?: string;
  /** Send only to these recipients instead of the configured ones (an ad hoc run). */
  recipients?: Recipient[];
}

export interface RunReportResult {
  report: ReportName;
  period: string;
  archives: Array<{ id: string; audience: string; path: string }>;
  sent: string[];
  failed: Array<{ recipient: string; error: string }>;
  /** Recipients already sent this period: not sent again. */
  skipped: string[];
}

/**
 * Runs one report for one period: builds it once per audience (role × ICS scope) from the
 * warehouse as the API would answer that audience, renders the HTML email with inline PNG
 * charts and the PDF, archives it, then mails each recipient not yet sent this period, with
 * retries and backoff, recording every outcome in report_delivery.
 */
export async function runReport(
  report: ReportName,
  options: RunReportOptions,
  effects: ReportEffects,
): Promise<RunReportResult> {
  const runDate = options.date ?? londonDate(effects.now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(runDate) || Number.isNaN(Date.parse(runDate)))
    throw new Error(`the report date must be YYYY-MM-DD, got ${JSON.stringify(runDate)}`);
  const published =
    report === 'monthly-published' ? await latestPublishedMonth(effects.connection, runDate) : null;
  const period = reportPeriod(report, runDate, published);
  // Fail before the slow rendering when the archive cannot be written.
  mkdirSync(effects.reportsDir, { recursive: true });
  const recipients = options.recipients ?? effects.config.reports[report].recipients;
  const statuses = await deliveryStatuses(
    effects.connection,
    recipients.map((r) => deliveryId(report, period.label, r.address)),
  );
  const result: RunReportResult = {
    report,
    period: period.label,
    archives: [],
    sent: [],
    failed: [],
    skipped: [],
  };
  const pending = recipients.filter((r) => {
    const sent = statuses.get(deliveryId(report, period.label, r.address))?.status === 'sent';
    if (sent) result.skipped.push(r.address);
    return !sent;
  });
  const audiences = new Map<string, { audience: Audience; recipients: Recipient[] }>();
  for (const r of recipients.length === 0 ? [null] : pending) {
    const audience: Audience = r ? { role: r.role, ics: r.ics } : { role: 'regional', ics: null };
    const key = audienceKey(audience);
    const group = audiences.get(key) ?? { audience, recipients: [] };
    if (r) group.recipients.push(r);
    audiences.set(key, group);
  }
  for (const [key, group] of audiences) {
    const reader = new ReportReader(effects.connection, group.audience, effects.disclosureRule);
    const doc = { ...(await buildReport(report, reader, period, effects.now())), audience: key };
    const images = doc.sections.flatMap((s) =>
      s.chart ? [{ name: s.chart.name, png: chartPng(s.chart) }] : [],
    );
    const byName = new Map(images.map((i) => [i.name, i.png]));
    const archived = renderReportHtml(
      doc,
      (name) => `data:image/png;base64,${byName.get(name)!.toString('base64')}`,
    );
    const pdf = await effects.renderPdf(archived);
    const path = archiveReport(effects.reportsDir, {
      html: archived,
      pdf,
      images,
      meta: {
        report,
        period: period.label,
        period_start: period.start,
        period_end: period.end,
        audience: key,
        role: group.audience.role,
        ics: group.audience.ics,
        title: doc.title,
        subtitle: doc.subtitle,
        generated_at: doc.generatedAt.toISOString(),
        figures: doc.figures,
      },
    });
    result.archives.push({ id: archiveId(report, period.label, key), audience: key, path });
    effects.log.info('report archived', { report, period: period.label, audience: key, path });
    const email = renderReportHtml(doc, (name) => `cid:${name}@observatory`);
    for (const recipient of group.recipients) {
      const outcome = await sendWithRetry(effects, {
        from: effects.config.from,
        to: recipient.address,
        subject: `${doc.title}: ${doc.subtitle}`,
        html: email,
        text: plainText(doc),
        attachments: [
          ...images.map((i) => ({
            filename: `${i.name}.png`,
            content: i.png,
            cid: `${i.name}@observatory`,
            contentType: 'image/png',
          })),
          {
            filename: `${report}-${period.label}.pdf`,
            content: pdf,
            contentType: 'application/pdf',
          },
        ],
      });
      await recordDelivery(effects.connection, {
        report,
        period: period.label,
        recipient: recipient.address,
        status: outcome.error ? 'failed' : 'sent',
        attempts: outcome.attempts,
        lastError: outcome.error,
        archivePath: path,
        at: effects.now(),
      });
      if (outcome.error) {
        result.failed.push({ recipient: recipient.address, error: outcome.error });
        effects.log.error('report delivery failed', {
          report,
          period: period.label,
          recipient: recipient.address,
          attempts: outcome.attempts,
          error: outcome.error,
        });
      } else {
        result.sent.push(recipient.address);
      }
    }
  }
  return result;
}

function buildReport(
  report: ReportName,
  reader: ReportReader,
  period: ReportPeriod,
  at: Date,
): Promise<ReportDocument> {
  switch (report) {
    case 'daily-brief':
      return buildDailyBrief(reader, period, at);
    case 'weekly-flow':
      return buildWeeklyReport(reader, period, at);
    case 'monthly-published':
      return buildMonthlyReport(reader, period, at);
  }
}

async function sendWithRetry(
  effects: ReportEffects,
  message: Parameters<MailTransport['sendMail']>[0],
): Promise<{ attempts: number; error: string | null }> {
  const { attempts, baseMs } = effects.config.retry;
  const sleep =
    effects.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let error = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await effects.transport.sendMail(message);
      return { attempts: attempt, error: null };
    } catch (cause) {
      error = (cause as Error).message ?? String(cause);
      effects.log.warn('report delivery attempt failed', {
        to: message.to as string,
        attempt,
        error,
      });
      if (attempt < attempts) await sleep(baseMs * 2 ** (attempt - 1));
    }
  }
  return { attempts, error: error.slice(0, 500) };
}

/** The latest month of NHS England's published data (real organisations) up to the run date. */
async function latestPublishedMonth(
  connection: DuckDBConnection,
  runDate: string,
): Promise<string | null> {
  const table = await queryTable(
    connection,
    'latest-published-month',
    sql<{ month: string | null }>`SELECT strftime(max(m.period_start), '%Y-%m-%d') AS month
     FROM ae_monthly m LEFT JOIN org o ON o.org_code = m.org_code
     WHERE m.period_start <= ${runDate}::DATE AND NOT coalesce(o.is_synthetic, false)`,
  );
  return typedRowsOf(table)[0]?.month ?? null;
}

function plainText(doc: ReportDocument): string {
  return [
    `${doc.title}: ${doc.subtitle}`,
    '',
    'What changed',
    ...doc.whatChanged.map((s) => `- ${s}`),
    '',
    'Where to look',
    ...doc.whereToLook.map((s) => `- ${s}`),
    '',
    'The full report with its tables and charts is in the HTML part of this message and the attached PDF.',
  ].join('\n');
}
