import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeedName } from '../feeds/feed.js';
import type { PipelineRunRow } from '../read/index.js';

const freshnessSql = readFileSync(join(import.meta.dirname, 'feed-status.sql'), 'utf8');

/** One feed's ledger summary and freshness. Times are ISO 8601 UTC strings or null. */
export interface FeedFreshness {
  feed: FeedName;
  files_loaded: number;
  files_failed: number;
  rows_in: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
  last_file_name: string | null;
  last_loaded_at: string | null;
  /** The latest event time in the feed's facts (arrival/departure, ADT event, snapshot…). */
  latest_event_at: string | null;
}

export interface FailedFile {
  file_id: number;
  feed: FeedName;
  file_name: string;
  error_code: string | null;
  error_detail: string | null;
  received_at: string;
}

export interface QuarantineCount {
  feed: FeedName;
  reason_code: string;
  rows: number;
}

/** The ledger and run-log summary served by GET /api/feeds and printed by `npm run status`. */
export interface FeedStatus {
  data_version: number;
  feeds: FeedFreshness[];
  last_runs: PipelineRunRow[];
  failed_files: FailedFile[];
  quarantine_by_reason: QuarantineCount[];
}

/** Reads the feed status from the warehouse (read-only queries). */
export async function feedStatus(
  connection: DuckDBConnection,
  options: { runs?: number } = {},
): Promise<FeedStatus> {
  const rows = async (sql: string, values: (string | number)[] = []) =>
    (await connection.runAndReadAll(sql, values)).getRowObjectsJson() as Record<string, unknown>[];
  const version = await rows('SELECT version FROM data_version WHERE id = 1');
  const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;
  return {
    data_version: Number(version[0]?.version ?? 0),
    feeds: (await rows(freshnessSql)).map((row) =>
      numbers(row, [
        'files_loaded',
        'files_failed',
        'rows_in',
        'rows_loaded',
        'rows_quarantined',
        'rows_duplicate',
      ]),
    ) as unknown as FeedFreshness[],
    last_runs: (
      await rows(
        `SELECT run_id, job, ${iso('started_at')} AS started_at, ${iso('finished_at')} AS finished_at, status, attempt, files, rows_in, detail
           FROM pipeline_run ORDER BY run_id DESC LIMIT $1`,
        [options.runs ?? 20],
      )
    ).map((row) =>
      numbers(row, ['run_id', 'attempt', 'files', 'rows_in']),
    ) as unknown as PipelineRunRow[],
    failed_files: (
      await rows(
        `SELECT file_id, feed, file_name, error_code, error_detail, ${iso('received_at')} AS received_at
           FROM ingest_file WHERE status = 'failed' ORDER BY file_id DESC LIMIT 100`,
      )
    ).map((row) => numbers(row, ['file_id'])) as unknown as FailedFile[],
    quarantine_by_reason: (
      await rows(
        'SELECT feed, reason_code, count(*) AS rows FROM quarantine GROUP BY ALL ORDER BY feed, rows DESC, reason_code',
      )
    ).map((row) => numbers(row, ['rows'])) as unknown as QuarantineCount[],
  };
}

function numbers(row: Record<string, unknown>, columns: string[]): Record<string, unknown> {
  const out = { ...row };
  for (const column of columns) out[column] = out[column] === null ? null : Number(out[column]);
  return out;
}
