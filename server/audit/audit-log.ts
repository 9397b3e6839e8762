import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../../pipelines/feeds/feed.js';
import type { Person } from '../../pipelines/read/index.js';

export interface AuditEntry {
  requestedAt: Date;
  requestId: string;
  tokenId: string | null;
  role: string | null;
  /** The person behind a session signed in through a provider. */
  person?: Person | null;
  method: string;
  route: string;
  params: Record<string, unknown>;
  rows: number | null;
  status: number;
  ms: number;
}

/** The JSON shape each buffered entry is sent as: DuckDB reads the batch with from_json. */
const entryShape = JSON.stringify([
  {
    requested_at: 'TIMESTAMP',
    request_id: 'VARCHAR',
    token_id: 'VARCHAR',
    role: 'VARCHAR',
    method: 'VARCHAR',
    route: 'VARCHAR',
    params: 'VARCHAR',
    rows: 'BIGINT',
    status: 'INTEGER',
    ms: 'DOUBLE',
    provider: 'VARCHAR',
    subject: 'VARCHAR',
    display_name: 'VARCHAR',
  },
]);

const insertBatch = `INSERT INTO audit_log (audit_id, requested_at, request_id, token_id, role, method, route, params, rows, status, ms, provider, subject, display_name)
  SELECT nextval('audit_id_seq'), e.requested_at, e.request_id, e.token_id, e.role, e.method, e.route, e.params::JSON, e.rows, e.status, e.ms, e.provider, e.subject, e.display_name
  FROM (SELECT unnest(entry, recursive := true) FROM (SELECT unnest(from_json($1, '${entryShape}')) AS entry)) e`;

/**
 * Writes data requests to `audit_log`. Entries are buffered and written as one statement with
 * one parameter (the batch as JSON) every `flushMs`, at `maxBuffered`, on read and on close,
 * so auditing costs neither a warehouse write per request nor a bound parameter per field
 * (a VALUES list of thousands of parameters takes seconds to bind). A batch whose write fails
 * goes back to the buffer and is tried again with the next one.
 */
export class AuditLog {
  private buffer: AuditEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly log: Logger,
    private readonly flushMs = 1000,
    private readonly maxBuffered = 2000,
  ) {}

  record(entry: AuditEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.maxBuffered) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** How many entries wait to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => {
      const batch = this.buffer;
      this.buffer = [];
      return this.write(batch);
    });
    return this.flushing;
  }

  private async write(batch: AuditEntry[]): Promise<void> {
    if (batch.length === 0) return;
    const json = JSON.stringify(
      batch.map((entry) => ({
        requested_at: entry.requestedAt.toISOString().replace('Z', ''),
        request_id: entry.requestId,
        token_id: entry.tokenId,
        role: entry.role,
        method: entry.method,
        route: entry.route,
        params: JSON.stringify(entry.params),
        rows: entry.rows,
        status: entry.status,
        ms: entry.ms,
        provider: entry.person?.provider ?? null,
        subject: entry.person?.subject ?? null,
        display_name: entry.person?.name ?? null,
      })),
    );
    try {
      await this.connection.run(insertBatch, [json]);
    } catch (error) {
      this.log.error('audit write failed; the entries are kept for the next write', {
        entries: batch.length,
        error: (error as Error).message,
      });
      this.buffer = [...batch, ...this.buffer];
      if (!this.timer) {
        this.timer = setTimeout(() => void this.flush(), this.flushMs);
        this.timer.unref();
      }
    }
  }
}
