import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { migrate } from './migrate.js';

/** An open warehouse: the DuckDB instance and one connection to it. */
export interface Warehouse {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  path: string;
  close(): void;
}

export interface OpenOptions {
  /** Open without write access (fails while another process holds the file read-write). */
  readOnly?: boolean;
  /** Apply pending migrations on open (read-write only). Default true. */
  migrate?: boolean;
  /** DuckDB threads; default: DuckDB's own choice. */
  threads?: number;
}

/**
 * Opens (and creates, unless read-only) the warehouse at `path`, or an in-memory one
 * for ':memory:'. Read-write opens run pending migrations so the data contract is in place.
 */
export async function openWarehouse(path: string, options: OpenOptions = {}): Promise<Warehouse> {
  const readOnly = options.readOnly ?? false;
  if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
  const settings: Record<string, string> = {};
  if (readOnly) settings.access_mode = 'READ_ONLY';
  if (options.threads) settings.threads = String(options.threads);
  const instance = await DuckDBInstance.create(path, settings);
  const connection = await connectTo(instance);
  if (!readOnly && options.migrate !== false) await migrate(connection);
  return {
    instance,
    connection,
    path,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A new connection to an open instance, with the session settings every query assumes:
 * TIMESTAMPTZ values are rendered in UTC, whatever the process time zone.
 */
export async function connectTo(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const connection = await instance.connect();
  // DuckDB 1.5 cannot take TimeZone in the instance options (ICU is not loaded yet then).
  await connection.run("SET TimeZone = 'UTC'");
  return connection;
}
