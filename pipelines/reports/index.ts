export {
  reportConfigFrom,
  reportNames,
  defaultReportSchedules,
  type ReportName,
  type Recipient,
  type RecipientRole,
  type ReportConfig,
  type ReportDefinition,
  type SmtpSettings,
} from './report-config.js';
export { reportPeriod, londonDate, isoWeekLabel, type ReportPeriod } from './report-period.js';
export {
  runReport,
  type ReportEffects,
  type RunReportOptions,
  type RunReportResult,
} from './run-report.js';
export { reportJobs, reportEffects, summariseRun, type ReportJobDeps } from './report-jobs.js';
export { listArchive, archiveId, type ArchiveMeta } from './archive-report.js';
export { smtpTransport, type MailTransport } from './mail-transport.js';
export { chromiumPdf, type PdfRenderer } from './render-pdf.js';
export { deliveryId } from './delivery-ledger.js';
export { renderReportHtml } from './render-report-html.js';
export type { ReportDocument, ReportSection } from './report-document.js';
