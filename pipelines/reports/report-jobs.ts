import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../config.js';
import type { Logger } from '../feeds/feed.js';
import type { Job } from '../schedule/index.js';
import { disclosureRuleFrom } from '../read/index.js';
import { smtpTransport, type MailTransport } from './mail-transport.js';
import { chromiumPdf, type PdfRenderer } from './render-pdf.js';
import { reportConfigFrom, reportNames } from './report-config.js';
import { runReport, type ReportEffects, type RunReportResult } from './run-report.js';

export interface ReportJobDeps {
  /**
   * A connection of its own to the service's instance (`connectTo(warehouse.instance)`): the
   * reports read while ingest holds transactions on the writer, and report_delivery is written
   * by nothing else.
   */
  connection: DuckDBConnection;
  log: Logger;
  now: () => Date;
  transport?: MailTransport;
  renderPdf?: PdfRenderer;
  sleep?: (ms: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
}

/** The report effects from the configuration (SMTP transport and Chromium PDF unless given). */
export function reportEffects(config: ObservatoryConfig, deps: ReportJobDeps): ReportEffects {
  const reports = reportConfigFrom(config.settings, deps.env);
  return {
    connection: deps.connection,
    config: reports,
    disclosureRule: disclosureRuleFrom(config.settings),
    reportsDir: config.reportsDir,
    transport: deps.transport ?? smtpTransport(reports.smtp),
    renderPdf: deps.renderPdf ?? chromiumPdf(),
    now: deps.now,
    log: deps.log,
    sleep: deps.sleep,
  };
}

/**
 * One scheduled job per enabled report ('report:daily-brief', 'report:weekly-flow',
 * 'report:monthly-published') on its configured cron. A run with a failed delivery throws, so
 * the schedule's retry runs it again later: recipients already sent are skipped.
 */
export function reportJobs(config: ObservatoryConfig, deps: ReportJobDeps): Job[] {
  const effects = reportEffects(config, deps);
  return reportNames
    .filter((name) => effects.config.reports[name].enabled)
    .map((name) => ({
      name: `report:${name}`,
      cron: effects.config.reports[name].cron,
      run: async () => {
        const result = await runReport(name, {}, effects);
        const detail = summariseRun(result);
        if (result.failed.length > 0) throw new Error(detail);
        return { files: result.archives.length, rowsIn: 0, detail };
      },
    }));
}

/** "2026-11-25: 2 sent, 0 failed, 1 already sent; archived regional". */
export function summariseRun(result: RunReportResult): string {
  const failed = result.failed.map((f) => `${f.recipient}: ${f.error}`).join('; ');
  return `${result.period}: ${result.sent.length} sent, ${result.failed.length} failed, ${result.skipped.length} already sent; archived ${result.archives.map((a) => a.audience).join(', ') || 'nothing'}${failed ? ` (${failed})` : ''}`;
}
