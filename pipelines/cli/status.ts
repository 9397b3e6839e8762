import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { feedStatus, type FeedStatus } from '../ingest/index.js';
import { openWarehouse } from '../warehouse/index.js';
import { formatTable } from './format-table.js';
import { serviceClient } from './service-client.js';
import type { CliIo } from './ingest.js';

/** `npm run status`: feed freshness, last runs and open problems. Returns the exit code. */
export async function runStatusCli(
  io: Pick<CliIo, 'stdout' | 'stderr' | 'env' | 'fetch'>,
): Promise<number> {
  const config = loadConfig(io.env);
  const client = serviceClient(config, io.fetch ?? fetch);
  let status: FeedStatus;
  if (await client.isUp()) {
    io.stderr(`from the running service at ${client.baseUrl}\n`);
    status = await client.feedStatus();
  } else {
    if (!existsSync(config.dbPath)) {
      io.stderr(`no warehouse at ${config.dbPath} yet: start the service or run npm run ingest\n`);
      return 1;
    }
    io.stderr(`the service is not running: reading ${config.dbPath}\n`);
    const warehouse = await openWarehouse(config.dbPath, { readOnly: true });
    try {
      status = await feedStatus(warehouse.connection);
    } finally {
      warehouse.close();
    }
  }
  io.stdout(`${formatStatus(status)}\n`);
  return 0;
}

/** The status report as text. */
export function formatStatus(status: FeedStatus): string {
  const when = (iso: string | null) =>
    iso ? iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC') : '—';
  const parts = [
    `data version ${status.data_version}`,
    '',
    'Feeds',
    formatTable(
      [
        'feed',
        'files',
        'failed',
        'rows in',
        'loaded',
        'quarantined',
        'duplicate',
        'last file',
        'loaded at',
        'latest event',
      ],
      status.feeds.map((f) => [
        f.feed,
        f.files_loaded,
        f.files_failed,
        f.rows_in,
        f.rows_loaded,
        f.rows_quarantined,
        f.rows_duplicate,
        f.last_file_name ?? '—',
        when(f.last_loaded_at),
        when(f.latest_event_at),
      ]),
    ),
    '',
    'Last runs',
    status.last_runs.length === 0
      ? '(none)'
      : formatTable(
          ['job', 'started', 'status', 'attempt', 'files', 'rows in', 'detail'],
          status.last_runs.map((r) => [
            r.job,
            when(r.started_at),
            r.status,
            r.attempt,
            r.files,
            r.rows_in,
            r.detail ?? '',
          ]),
        ),
    '',
    'Failed files',
    status.failed_files.length === 0
      ? '(none)'
      : formatTable(
          ['feed', 'file', 'received', 'error', 'detail'],
          status.failed_files.map((f) => [
            f.feed,
            f.file_name,
            when(f.received_at),
            f.error_code ?? '',
            (f.error_detail ?? '').slice(0, 100),
          ]),
        ),
    '',
    'Quarantine by reason',
    status.quarantine_by_reason.length === 0
      ? '(none)'
      : formatTable(
          ['feed', 'reason', 'rows'],
          status.quarantine_by_reason.map((q) => [q.feed, q.reason_code, q.rows]),
        ),
  ];
  return parts.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runStatusCli({
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
  });
}
