import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeedLoadResult, Logger } from '../../../../pipelines/feeds/feed.js';
import { aeMonthlyFeed } from '../../../../pipelines/feeds/ae-monthly/index.js';
import { seedReference } from '../../../../pipelines/warehouse/seed-reference.js';

export const fixtures = new URL('../../../fixtures/feeds/ae-monthly/', import.meta.url).pathname;

export interface Warning {
  message: string;
  fields?: Record<string, unknown>;
}

let nextFileId = 1000;

/**
 * Loads one file through aeMonthlyFeed the way the ingest engine does: a ledger row, then
 * BEGIN, load, COMMIT (ROLLBACK and rethrow on error). Returns the counts, file id and warnings.
 */
export async function loadAeMonthlyFile(
  connection: DuckDBConnection,
  path: string,
  now = new Date('2025-08-14T09:30:00Z'),
): Promise<{ result: FeedLoadResult; fileId: bigint; warnings: Warning[] }> {
  const fileId = BigInt(nextFileId++);
  const warnings: Warning[] = [];
  const log: Logger = {
    info() {},
    warn(message, fields) {
      warnings.push({ message, fields });
    },
    error() {},
  };
  await connection.run(
    `INSERT INTO ingest_file (file_id, feed, file_name, sha256, bytes, status, received_at)
     VALUES ($1, 'ae-monthly', $2, $3, 0, 'loaded', $4::TIMESTAMP)`,
    [fileId, basename(path), `sha-${fileId}`, now.toISOString()],
  );
  await connection.run('BEGIN TRANSACTION');
  try {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const result = await aeMonthlyFeed.load({
      connection,
      fileId,
      fileName: basename(path),
      text,
      textPath: path,
      now,
      pseudonymKeyHex: '00'.repeat(32),
      log,
    });
    await connection.run('COMMIT');
    return { result, fileId, warnings };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

export async function query(
  connection: DuckDBConnection,
  sql: string,
  params: (string | number | bigint)[] = [],
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Seeds only the national org hierarchy (all the feed looks up), from a temporary folder. */
export async function seedNationalOrg(connection: DuckDBConnection): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ae-monthly-ref-'));
  const source = new URL('../../../../data/reference/org.national.csv', import.meta.url).pathname;
  copyFileSync(source, join(dir, 'org.national.csv'));
  await seedReference(connection, dir);
}
