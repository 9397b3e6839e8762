import type { DuckDBConnection } from '@duckdb/node-api';
import { serialised, sqlTimestamp } from '../ingest/index.js';
import { queryTable, sql, typedRowsOf } from '../read/index.js';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** What the ledger holds about one delivery: its status and the attempts made so far. */
interface DeliveryStatusRow {
  delivery_id: string;
  status: DeliveryStatus;
  attempts: number;
}

/** report × period × recipient: the key that makes a delivery happen at most once. */
export function deliveryId(report: string, period: string, recipient: string): string {
  return `${report}|${period}|${recipient.toLowerCase()}`;
}

/** The recorded status of each of these deliveries (absent: never attempted). */
export async function deliveryStatuses(
  connection: DuckDBConnection,
  ids: readonly string[],
): Promise<Map<string, { status: DeliveryStatus; attempts: number }>> {
  const found = new Map<string, { status: DeliveryStatus; attempts: number }>();
  if (ids.length === 0) return found;
  const table = await queryTable(
    connection,
    'delivery-statuses',
    sql<DeliveryStatusRow>`SELECT delivery_id, status, attempts FROM report_delivery WHERE list_contains(string_split(${ids.join('\u001f')}, chr(31)), delivery_id)`,
  );
  for (const row of typedRowsOf(table))
    found.set(row.delivery_id, { status: row.status, attempts: row.attempts });
  return found;
}

export interface DeliveryRecord {
  report: string;
  period: string;
  recipient: string;
  status: DeliveryStatus;
  /** Attempts made in this run; added to those recorded before. */
  attempts: number;
  lastError: string | null;
  archivePath: string | null;
  at: Date;
}

/** Writes (or updates) one delivery row, taking turns with other writes on the connection. */
export function recordDelivery(
  connection: DuckDBConnection,
  record: DeliveryRecord,
): Promise<void> {
  const id = deliveryId(record.report, record.period, record.recipient);
  return serialised(connection, async () => {
    await connection.run(
      `INSERT INTO report_delivery (delivery_id, report, period, recipient, status, attempts, last_error, archive_path, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::TIMESTAMP)
       ON CONFLICT (delivery_id) DO UPDATE SET status = excluded.status,
         attempts = report_delivery.attempts + excluded.attempts, last_error = excluded.last_error,
         archive_path = coalesce(excluded.archive_path, report_delivery.archive_path), updated_at = excluded.updated_at`,
      [
        id,
        record.report,
        record.period,
        record.recipient,
        record.status,
        record.attempts,
        record.lastError,
        record.archivePath,
        sqlTimestamp(record.at),
      ] as never,
    );
  });
}
