import type {
  DeliveryFailureRow,
  IngestFileRow,
  PipelineRunRow,
  QuarantineReasonRow,
} from '../../pipelines/read/index.js';
import { barChart } from '../charts/bar-chart.js';
import { getJson } from '../layout/api-client.js';
import { chartFigure, dataTable, scrollTable } from '../layout/chart-figure.js';
import { duration, html, londonTime, replaceChildren } from '../layout/dom.js';
import { onLiveEvents } from '../layout/live-events.js';
import { mountPageShell } from '../layout/page-shell.js';

interface FeedsBody {
  files: IngestFileRow[];
  runs: PipelineRunRow[];
  quarantine_by_reason: QuarantineReasonRow[];
}

interface HealthBody {
  now: string;
  feeds?: Array<{
    feed: string;
    last_received_at: string | null;
    last_loaded_at: string | null;
    failed_files: number;
    files: number;
  }>;
  delivery_failures?: DeliveryFailureRow[];
}

const shell = mountPageShell(
  'quality',
  'Data quality',
  'Is the data fresh and complete? Each feed’s last file, every file’s reconciliation (rows in = loaded + quarantined + duplicate), quarantined rows by reason, failed files, pipeline runs and report delivery failures.',
);

async function render(): Promise<void> {
  const [feeds, health] = await Promise.all([
    getJson<FeedsBody>('/api/feeds?limit=200'),
    getJson<HealthBody>('/api/health'),
  ]);
  const now = new Date(health.now);
  const freshness = (health.feeds ?? []).map((feed) => {
    const age = feed.last_received_at
      ? (now.getTime() - new Date(feed.last_received_at).getTime()) / 60_000
      : null;
    return [
      feed.feed,
      londonTime(feed.last_received_at),
      age === null ? '–' : `${duration(age)} ago`,
      String(feed.files),
      String(feed.failed_files),
    ];
  });
  const unreconciled = feeds.files.filter((file) => !file.is_reconciled);
  const failed = feeds.files.filter((file) => file.status === 'failed');
  const reasons = feeds.quarantine_by_reason;
  const deliveries = health.delivery_failures ?? [];
  const totals = feeds.files.reduce(
    (t, f) => ({
      rowsIn: t.rowsIn + f.rows_in,
      loaded: t.loaded + f.rows_loaded,
      quarantined: t.quarantined + f.rows_quarantined,
      duplicate: t.duplicate + f.rows_duplicate,
    }),
    { rowsIn: 0, loaded: 0, quarantined: 0, duplicate: 0 },
  );
  shell.setDataClock(now, null, `${feeds.files.length} latest files checked`);
  replaceChildren(
    shell.content,
    html(
      'div',
      { class: 'grid wide' },
      html(
        'section',
        { class: 'card', 'aria-labelledby': 'fresh-heading' },
        html('h2', { id: 'fresh-heading' }, 'Feed freshness'),
        table(
          ['feed', 'last file received', 'age', 'files', 'failed files'],
          freshness,
          'No feed has landed a file yet.',
        ),
      ),
      html(
        'section',
        { class: 'card', 'aria-labelledby': 'recon-heading' },
        html('h2', { id: 'recon-heading' }, 'Reconciliation'),
        html(
          'p',
          {},
          `Latest ${feeds.files.length} files: ${totals.rowsIn.toLocaleString('en-GB')} rows in = ${totals.loaded.toLocaleString('en-GB')} loaded + ${totals.quarantined.toLocaleString('en-GB')} quarantined + ${totals.duplicate.toLocaleString('en-GB')} duplicate. `,
          unreconciled.length === 0
            ? html('span', { class: 'tag ok' }, '✓ every file reconciles')
            : html('span', { class: 'tag bad' }, `✗ ${unreconciled.length} files do not reconcile`),
        ),
        dataTable('files and their reconciliation', {
          columns: [
            'file',
            'feed',
            'status',
            'rows in',
            'loaded',
            'quarantined',
            'duplicate',
            'reconciled',
            'received',
          ],
          rows: feeds.files.map((f) => [
            f.file_name,
            f.feed,
            f.status,
            f.rows_in,
            f.rows_loaded,
            f.rows_quarantined,
            f.rows_duplicate,
            f.is_reconciled ? '✓ yes' : '✗ no',
            londonTime(f.received_at),
          ]),
        }),
      ),
      reasons.length
        ? chartFigure({
            title: 'Quarantined rows by reason',
            summary:
              reasons
                .map((r) => `${r.feed} ${r.reason_code}: ${r.rows} rows in ${r.files} files`)
                .join('; ') + '.',
            chart: barChart(
              reasons.map((r) => ({ category: `${r.feed}: ${r.reason_code}`, value: r.rows })),
              { unit: 'count', sort: true, title: 'quarantined rows by feed and reason' },
            ),
            table: {
              columns: ['feed', 'reason', 'rows', 'files'],
              rows: reasons.map((r) => [r.feed, r.reason_code, r.rows, r.files]),
            },
          })
        : html(
            'section',
            { class: 'card' },
            html('h2', {}, 'Quarantined rows by reason'),
            html('p', {}, 'No rows quarantined.'),
          ),
      html(
        'section',
        { class: 'card', 'aria-labelledby': 'failed-heading' },
        html('h2', { id: 'failed-heading' }, `Failed files (${failed.length})`),
        table(
          ['file', 'feed', 'error', 'detail', 'received'],
          failed.map((f) => [
            f.file_name,
            f.feed,
            f.error_code ?? '–',
            f.error_detail ?? '–',
            londonTime(f.received_at),
          ]),
          'No file failed to load.',
        ),
      ),
      html(
        'section',
        { class: 'card', 'aria-labelledby': 'runs-heading' },
        html('h2', { id: 'runs-heading' }, 'Pipeline runs'),
        table(
          ['job', 'started', 'status', 'attempt', 'files', 'rows in', 'detail'],
          feeds.runs
            .slice(0, 30)
            .map((r) => [
              r.job,
              londonTime(r.started_at),
              r.status,
              r.attempt,
              r.files,
              r.rows_in,
              r.detail ?? '',
            ]),
          'No scheduled run yet.',
        ),
      ),
      html(
        'section',
        { class: 'card', 'aria-labelledby': 'delivery-heading' },
        html('h2', { id: 'delivery-heading' }, `Report delivery failures (${deliveries.length})`),
        table(
          ['report', 'period', 'recipient', 'attempts', 'last error', 'updated'],
          deliveries.map((d) => [
            d.report,
            d.period,
            d.recipient,
            d.attempts,
            d.last_error ?? '–',
            londonTime(d.updated_at),
          ]),
          'No report delivery has failed.',
        ),
      ),
    ),
  );
}

function table(columns: string[], rows: Array<Array<string | number>>, empty: string): HTMLElement {
  if (rows.length === 0) return html('p', {}, empty);
  return scrollTable({ columns, rows });
}

function start(): void {
  render().catch((error: unknown) =>
    shell.showError(error instanceof Error ? error.message : String(error)),
  );
  onLiveEvents(() => {
    render().catch((error: unknown) =>
      shell.showError(error instanceof Error ? error.message : String(error)),
    );
  });
}

start();
