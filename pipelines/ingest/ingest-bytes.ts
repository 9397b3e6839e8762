import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  FeedError,
  type Feed,
  type FeedName,
  type Logger,
  type TouchedKeys,
} from '../feeds/feed.js';
import { decodeBytes, type TextEncoding } from './decode-bytes.js';
import { feedFor } from './feeds.js';
import { serialised } from './serialised.js';
import { sqlTimestamp } from './sql-timestamp.js';

/** What the engine needs from its caller; tests pin every part of it. */
export interface IngestEffects {
  connection: DuckDBConnection;
  now: () => Date;
  log: Logger;
  pseudonymKeyHex: string;
  /**
   * Runs INSIDE the file's transaction, after the feed has written its rows and before the
   * ledger row is completed: the writer queues the touched keys in `refresh_queue` here, so
   * facts and the keys to refresh commit (or vanish) together. Keep it small: the models
   * refresh after commit. Throwing fails the file.
   */
  afterLoad?: (touched: TouchedKeys, feed: FeedName, fileId: bigint) => Promise<void>;
  /**
   * Runs AFTER commit (live event, the refresh request). Errors are logged and do not undo
   * the load: the ledger already holds the file and its keys are queued.
   */
  afterCommit?: (result: IngestResult, touched: TouchedKeys) => Promise<void>;
  /** Where the UTF-8 copy handed to DuckDB's read_csv is written (removed afterwards). */
  tmpDir: string;
  /** The feeds by name; default: pipelines/ingest/feeds.ts. */
  feeds?: Partial<Record<FeedName, Feed>>;
}

export type IngestStatus = 'loaded' | 'failed' | 'skipped_duplicate_file';

/** Wall-clock seconds per engine step, for the benchmark and the logs. */
export interface IngestSteps {
  decode: number;
  load: number;
  afterLoad: number;
  commit: number;
}

export interface IngestResult {
  fileId: bigint;
  feed: FeedName;
  fileName: string;
  sha256: string;
  status: IngestStatus;
  /** 1 + earlier distinct contents delivered under the same name. */
  version: number;
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicate: number;
  errorCode?: string;
  errorDetail?: string;
  seconds: number;
  encoding?: TextEncoding;
  steps?: IngestSteps;
}

export interface IngestOptions {
  /** Load bytes whose earlier attempt failed (the failed ledger row is replaced). */
  retryFailed?: boolean;
  /**
   * The ICS codes the sender may load data for (a scoped token); absent or null: any. A file
   * with any loaded row outside them is refused whole (OutOfScopeError) and nothing is kept.
   */
  scope?: readonly string[] | null;
}

/** A file holding rows for organisations outside the sender's scope: nothing was loaded. */
export class OutOfScopeError extends Error {
  override name = 'OutOfScopeError';
}

/** A feed returned counts that do not reconcile: a bug in the feed, never data. */
export class ReconciliationError extends Error {
  override name = 'ReconciliationError';
}

/**
 * Loads one delivered file (or pushed batch) in one transaction: ledger row, facts,
 * quarantine, counts, afterLoad (the refresh queue) and the data_version bump commit together,
 * so a crash at any point leaves the warehouse as if the file had never been started.
 * The same bytes (feed × sha256) are never loaded twice; a file that cannot be read is
 * recorded as 'failed' with a specific error code and does not throw.
 * Calls on one connection run one at a time.
 */
export function ingestBytes(
  feed: FeedName | Feed,
  fileName: string,
  bytes: Uint8Array,
  effects: IngestEffects,
  options: IngestOptions = {},
): Promise<IngestResult> {
  return serialised(effects.connection, () => ingestNow(feed, fileName, bytes, effects, options));
}

async function ingestNow(
  feedOrName: FeedName | Feed,
  fileName: string,
  bytes: Uint8Array,
  effects: IngestEffects,
  options: IngestOptions,
): Promise<IngestResult> {
  const started = performance.now();
  const feed = typeof feedOrName === 'string' ? feedFor(feedOrName, effects.feeds) : feedOrName;
  const { connection, log } = effects;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { feed: feed.name, fileName, sha256 };

  const existing = await ledgerRow(connection, feed.name, sha256);
  if (existing && !(options.retryFailed && existing.status === 'failed')) {
    log.info('ingest: skipped, the same bytes are already in the ledger', {
      ...base,
      fileId: Number(existing.fileId),
    });
    return { ...existing, ...base, status: 'skipped_duplicate_file', seconds: elapsed(started) };
  }

  const receivedAt = effects.now();
  const steps: IngestSteps = { decode: 0, load: 0, afterLoad: 0, commit: 0 };
  let mark = performance.now();
  const lap = (step: keyof IngestSteps) => {
    const at = performance.now();
    steps[step] += (at - mark) / 1000;
    mark = at;
  };
  let encoding: TextEncoding | undefined;
  let textPath: string | undefined;
  let inTransaction = false;
  try {
    const decoded = decodeBytes(bytes);
    encoding = decoded.encoding;
    mkdirSync(effects.tmpDir, { recursive: true });
    textPath = join(effects.tmpDir, `ingest-${process.pid}-${randomBytes(6).toString('hex')}.csv`);
    // Plain UTF-8 is handed to DuckDB as delivered; anything else is re-encoded as UTF-8.
    writeFileSync(
      textPath,
      decoded.encoding === 'utf-8' ? bytes : decoded.text,
      decoded.encoding === 'utf-8' ? undefined : 'utf8',
    );
    lap('decode');

    await connection.run('BEGIN TRANSACTION');
    inTransaction = true;
    if (existing)
      await connection.run('DELETE FROM ingest_file WHERE file_id = $1', [existing.fileId]);
    const version = await nextVersion(connection, feed.name, fileName);
    const fileId = await insertLedgerRow(connection, {
      ...base,
      bytes: bytes.byteLength,
      version,
      encoding,
      status: 'loaded',
      receivedAt,
    });
    const counts = await feed.load({
      connection,
      fileId,
      fileName,
      text: decoded.text,
      textPath,
      now: receivedAt,
      pseudonymKeyHex: effects.pseudonymKeyHex,
      log,
    });
    assertReconciles(feed.name, fileName, counts);
    if (options.scope) await assertInScope(connection, counts.touched, options.scope);
    lap('load');
    if (effects.afterLoad) await effects.afterLoad(counts.touched, feed.name, fileId);
    lap('afterLoad');
    const seconds = elapsed(started);
    await connection.run(
      `UPDATE ingest_file SET rows_in = $2, rows_loaded = $3, rows_quarantined = $4, rows_duplicate = $5,
         loaded_at = $6::TIMESTAMP, seconds = $7 WHERE file_id = $1`,
      [
        fileId,
        counts.rowsIn,
        counts.loaded,
        counts.quarantined,
        counts.duplicate,
        sqlTimestamp(effects.now()),
        seconds,
      ],
    );
    await bumpDataVersion(connection, effects.now());
    await connection.run('COMMIT');
    inTransaction = false;
    lap('commit');
    return await afterCommit(
      effects,
      {
        ...base,
        fileId,
        status: 'loaded',
        version,
        rowsIn: counts.rowsIn,
        loaded: counts.loaded,
        quarantined: counts.quarantined,
        duplicate: counts.duplicate,
        seconds: elapsed(started),
        encoding,
        steps,
      },
      counts.touched,
    );
  } catch (error) {
    if (inTransaction) await rollback(connection);
    // Refused for its sender, not broken: no ledger row, so an authorised sender can load it.
    if (error instanceof OutOfScopeError) throw error;
    const { code, detail } = describeFailure(error);
    if (error instanceof FeedError) log.warn('ingest: file failed', { ...base, code, detail });
    else log.error('ingest: file failed unexpectedly', { ...base, code, detail });
    return recordFailure(connection, {
      ...base,
      bytes: bytes.byteLength,
      encoding,
      receivedAt,
      code,
      detail,
      started,
      replaceFileId: existing?.fileId,
    });
  } finally {
    if (textPath) rmSync(textPath, { force: true });
  }
}

/**
 * Throws OutOfScopeError when the file touched a site outside `scope` (or one the reference
 * data does not place in an ICS), or published national data (months), which no scoped
 * sender may load.
 */
async function assertInScope(
  connection: DuckDBConnection,
  touched: TouchedKeys,
  scope: readonly string[],
): Promise<void> {
  if (touched.months.length > 0)
    throw new OutOfScopeError(
      `published monthly data covers every ICS; a token scoped to ${scope.join(', ')} may not load it`,
    );
  const sites = [...new Set(touched.siteDays.map((key) => key.site_code))];
  if (sites.length === 0) return;
  const reader = await connection.runAndReadAll(
    `SELECT s.code FROM unnest(string_split($1, ',')) AS s(code)
       LEFT JOIN org o ON o.org_code = s.code
     WHERE o.ics_code IS NULL OR NOT list_contains(string_split($2, ','), o.ics_code)
     ORDER BY 1 LIMIT 5`,
    [sites.join(','), scope.join(',')],
  );
  const outside = reader.getRowsJS().map((row) => String(row[0]));
  if (outside.length > 0)
    throw new OutOfScopeError(
      `the file has rows for ${outside.join(', ')}, outside this token's scope (${scope.join(', ')}); nothing was loaded`,
    );
}

/** Everything after COMMIT: never turns a committed load into a failure. */
async function afterCommit(
  effects: IngestEffects,
  result: IngestResult,
  touched: TouchedKeys,
): Promise<IngestResult> {
  const fields = { feed: result.feed, fileName: result.fileName, fileId: Number(result.fileId) };
  try {
    effects.log.info('ingest: loaded', {
      ...fields,
      version: result.version,
      rowsIn: result.rowsIn,
      loaded: result.loaded,
      quarantined: result.quarantined,
      duplicate: result.duplicate,
      seconds: result.seconds,
    });
    if (effects.afterCommit) await effects.afterCommit(result, touched);
  } catch (error) {
    try {
      effects.log.error('ingest: after-commit step failed (the load stands)', {
        ...fields,
        error: String(error),
      });
    } catch {
      // a failing logger must not undo a committed load
    }
  }
  return result;
}

function assertReconciles(
  feed: FeedName,
  fileName: string,
  counts: { rowsIn: number; loaded: number; quarantined: number; duplicate: number },
): void {
  const parts = [counts.rowsIn, counts.loaded, counts.quarantined, counts.duplicate];
  if (
    !parts.every((n) => Number.isSafeInteger(n) && n >= 0) ||
    counts.rowsIn !== counts.loaded + counts.quarantined + counts.duplicate
  ) {
    throw new ReconciliationError(
      `feed ${feed} reported rows_in ${counts.rowsIn} ≠ loaded ${counts.loaded} + quarantined ${counts.quarantined} + duplicate ${counts.duplicate} for ${fileName}`,
    );
  }
}

function describeFailure(error: unknown): { code: string; detail: string } {
  if (error instanceof FeedError) return { code: error.code, detail: error.message };
  if (error instanceof ReconciliationError)
    return { code: 'reconciliation_failed', detail: error.message };
  return { code: 'internal_error', detail: error instanceof Error ? error.message : String(error) };
}

interface LedgerRow {
  fileId: bigint;
  status: 'loaded' | 'failed';
  version: number;
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicate: number;
  errorCode?: string;
  errorDetail?: string;
}

async function ledgerRow(
  connection: DuckDBConnection,
  feed: FeedName,
  sha256: string,
): Promise<LedgerRow | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT file_id, status, version, rows_in, rows_loaded, rows_quarantined, rows_duplicate, error_code, error_detail
       FROM ingest_file WHERE feed = $1 AND sha256 = $2`,
    [feed, sha256],
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row) return undefined;
  return {
    fileId: row.file_id as bigint,
    status: row.status as 'loaded' | 'failed',
    version: Number(row.version),
    rowsIn: Number(row.rows_in),
    loaded: Number(row.rows_loaded),
    quarantined: Number(row.rows_quarantined),
    duplicate: Number(row.rows_duplicate),
    ...(row.error_code === null
      ? {}
      : { errorCode: String(row.error_code), errorDetail: String(row.error_detail) }),
  };
}

async function nextVersion(
  connection: DuckDBConnection,
  feed: FeedName,
  fileName: string,
): Promise<number> {
  const reader = await connection.runAndReadAll(
    'SELECT count(*) + 1 AS v FROM ingest_file WHERE feed = $1 AND file_name = $2',
    [feed, fileName],
  );
  return Number(reader.getRowObjectsJS()[0]?.v ?? 1);
}

interface NewLedgerRow {
  feed: FeedName;
  fileName: string;
  sha256: string;
  bytes: number;
  version: number;
  encoding: TextEncoding | undefined;
  status: 'loaded' | 'failed';
  receivedAt: Date;
  errorCode?: string;
  errorDetail?: string;
}

async function insertLedgerRow(connection: DuckDBConnection, row: NewLedgerRow): Promise<bigint> {
  const reader = await connection.runAndReadAll(
    `INSERT INTO ingest_file (feed, file_name, sha256, bytes, version, encoding, status, error_code, error_detail, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::TIMESTAMP) RETURNING file_id`,
    [
      row.feed,
      row.fileName,
      row.sha256,
      row.bytes,
      row.version,
      row.encoding ?? null,
      row.status,
      row.errorCode ?? null,
      row.errorDetail ?? null,
      sqlTimestamp(row.receivedAt),
    ],
  );
  return reader.getRowObjectsJS()[0]!.file_id as bigint;
}

async function recordFailure(
  connection: DuckDBConnection,
  failure: {
    feed: FeedName;
    fileName: string;
    sha256: string;
    bytes: number;
    encoding: TextEncoding | undefined;
    receivedAt: Date;
    code: string;
    detail: string;
    started: number;
    replaceFileId: bigint | undefined;
  },
): Promise<IngestResult> {
  await connection.run('BEGIN TRANSACTION');
  try {
    if (failure.replaceFileId !== undefined) {
      await connection.run('DELETE FROM ingest_file WHERE file_id = $1', [failure.replaceFileId]);
    }
    const version = await nextVersion(connection, failure.feed, failure.fileName);
    const fileId = await insertLedgerRow(connection, {
      ...failure,
      version,
      status: 'failed',
      errorCode: failure.code,
      errorDetail: failure.detail,
    });
    const seconds = elapsed(failure.started);
    await connection.run('UPDATE ingest_file SET seconds = $2 WHERE file_id = $1', [
      fileId,
      seconds,
    ]);
    await connection.run('COMMIT');
    return {
      fileId,
      feed: failure.feed,
      fileName: failure.fileName,
      sha256: failure.sha256,
      status: 'failed',
      version,
      rowsIn: 0,
      loaded: 0,
      quarantined: 0,
      duplicate: 0,
      errorCode: failure.code,
      errorDetail: failure.detail,
      seconds,
      ...(failure.encoding ? { encoding: failure.encoding } : {}),
    };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

async function bumpDataVersion(connection: DuckDBConnection, now: Date): Promise<void> {
  await connection.run(
    'UPDATE data_version SET version = version + 1, changed_at = $1::TIMESTAMP WHERE id = 1',
    [sqlTimestamp(now)],
  );
}

async function rollback(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('ROLLBACK');
  } catch {
    // DuckDB has already rolled back a transaction whose COMMIT failed
  }
}

function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}
