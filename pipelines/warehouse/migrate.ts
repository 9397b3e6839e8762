import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

const migrationsDir = join(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations shipped with this version of the observatory, in order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.slice(4, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies every migration not yet applied, each in its own transaction, and records it in
 * schema_migration. Idempotent. Refuses to run when an applied migration's text has changed.
 * Returns the versions applied by this call.
 */
export async function migrate(
  connection: DuckDBConnection,
  dir = migrationsDir,
): Promise<number[]> {
  await connection.run(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
  const reader = await connection.runAndReadAll('SELECT version, checksum FROM schema_migration');
  const applied = new Map(
    reader.getRowObjectsJS().map((row) => [Number(row.version), String(row.checksum)]),
  );
  const done: number[] = [];
  for (const migration of listMigrations(dir)) {
    const checksum = applied.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(
          `migration ${migration.version}-${migration.name} has changed since it was applied; add a new migration instead of editing it`,
        );
      }
      continue;
    }
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.sql);
      await connection.run('INSERT INTO schema_migration VALUES ($1, $2, $3, now()::TIMESTAMP)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw new Error(
        `migration ${migration.version}-${migration.name} failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    done.push(migration.version);
  }
  // DuckDB 1.x cannot replay a WAL holding an ALTER TABLE … ADD COLUMN on a table whose other
  // columns default to a sequence (audit_log): reopening after a crash aborts the process. A
  // checkpoint right after the schema changes leaves none of them in the WAL.
  if (done.length > 0) await connection.run('CHECKPOINT');
  return done;
}

/** The highest applied migration version (0 on an empty database). */
export async function schemaVersion(connection: DuckDBConnection): Promise<number> {
  const reader = await connection.runAndReadAll(
    'SELECT coalesce(max(version), 0) AS v FROM schema_migration',
  );
  return Number(reader.getRowObjectsJS()[0]?.v ?? 0);
}
