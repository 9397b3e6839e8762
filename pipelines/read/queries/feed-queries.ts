import type {
  DeliveryFailureRow,
  IngestFileRow,
  PipelineRunRow,
  QuarantineReasonRow,
  QuarantineRow,
} from '../contracts.js';
import { sql, type SqlQuery } from '../sql.js';

export function ingestFilesQuery(limit: number): SqlQuery<IngestFileRow> {
  return sql<IngestFileRow>`SELECT file_id, feed, file_name, sha256, bytes, version, encoding, status, error_code, error_detail,
      rows_in, rows_loaded, rows_quarantined, rows_duplicate, received_at, loaded_at, seconds,
      (status <> 'loaded' OR rows_in = rows_loaded + rows_quarantined + rows_duplicate) AS is_reconciled
    FROM ingest_file ORDER BY received_at DESC, file_id DESC LIMIT ${limit}`;
}

export function pipelineRunsQuery(limit: number): SqlQuery<PipelineRunRow> {
  return sql<PipelineRunRow>`SELECT run_id, job, started_at, finished_at, status, attempt, files, rows_in, detail
    FROM pipeline_run ORDER BY started_at DESC, run_id DESC LIMIT ${limit}`;
}

export function quarantineReasonsQuery(): SqlQuery<QuarantineReasonRow> {
  return sql<QuarantineReasonRow>`SELECT feed, reason_code, count(*) AS rows, count(DISTINCT file_id) AS files
    FROM quarantine GROUP BY feed, reason_code ORDER BY feed, rows DESC, reason_code`;
}

export function quarantineQuery(
  feed: string,
  limit: number,
  offset: number,
  reason?: string,
): SqlQuery<QuarantineRow> {
  const byReason = reason ? sql` AND q.reason_code = ${reason}` : sql``;
  return sql<QuarantineRow>`SELECT q.file_id, f.file_name, q.feed, q.line_number, q.reason_code, q.detail, q.raw_text
    FROM quarantine q LEFT JOIN ingest_file f USING (file_id)
    WHERE q.feed = ${feed}${byReason}
    ORDER BY q.file_id DESC, q.line_number LIMIT ${limit} OFFSET ${offset}`;
}

export function deliveryFailuresQuery(): SqlQuery<DeliveryFailureRow> {
  return sql<DeliveryFailureRow>`SELECT delivery_id, report, period, recipient, attempts, last_error, updated_at
    FROM report_delivery WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 100`;
}
