import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../../pipelines/feeds/feed.js';

export interface AuditEntry {
  requestedAt: Date;
  requestId: string;
  tokenId: string | null;
  role: string | null;
  method: string;
  route: string;
  params: Record<string, unknown>;
  rows: number | null;
  status: number;
  ms: number;
}

/**
 * Writes data requests to `audit_log`. Entries are buffered and written in one statement
 * (every `flushMs`, at `maxBuffered`, on read and on close) so auditing does not cost a
 * warehouse write per request.
 */
export class AuditLog {
  private buffer: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly log: Logger,
    private readonly flushMs = 1000,
    private readonly maxBuffered = 500,
  ) {}

  record(entry: AuditEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.maxBuffered) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: AuditEntry[]): Promise<void> {
    if (batch.length === 0) return;
    const rows: string[] = [];
    const values: Array<string | number> = [];
    for (const entry of batch) {
      const base = values.length;
      rows.push(
        `(nextval('audit_id_seq'), $${base + 1}::TIMESTAMP, $${base + 2}, NULLIF($${base + 3}, ''), NULLIF($${base + 4}, ''), $${base + 5}, $${base + 6}, $${base + 7}::JSON, NULLIF($${base + 8}, -1), $${base + 9}, $${base + 10})`,
      );
      values.push(
        entry.requestedAt.toISOString().replace('Z', ''),
        entry.requestId,
        entry.tokenId ?? '',
        entry.role ?? '',
        entry.method,
        entry.route,
        JSON.stringify(entry.params),
        entry.rows ?? -1,
        entry.status,
        entry.ms,
      );
    }
    try {
      await this.connection.run(`INSERT INTO audit_log VALUES ${rows.join(', ')}`, values);
    } catch (error) {
      this.log.error('audit write failed', {
        entries: batch.length,
        error: (error as Error).message,
      });
    }
  }
}
