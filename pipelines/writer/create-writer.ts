import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Feed, FeedName, Logger, TouchedKeys } from '../feeds/feed.js';
import {
  refreshForecasts,
  type RefreshAllResult,
  type RefreshEffects,
} from '../indicators/index.js';
import {
  ingestBytes,
  ingestInbox,
  serialised,
  type IngestEffects,
  type IngestOptions,
  type IngestResult,
  type InboxOptions,
} from '../ingest/index.js';
import {
  clearQueue,
  enqueueTouched,
  lastQueued,
  readQueue,
  refreshEverything,
  refreshQueued,
} from '../refresh/index.js';
import { connectTo } from '../warehouse/index.js';
import { exportLake, type LakeExportResult } from '../warehouse/lake/index.js';
import type { WriterEventType } from './writer-event.js';

/** One refresh step on the refresh connection: the queued keys (default refreshQueued). */
export type RefreshStep = (
  connection: DuckDBConnection,
  effects: RefreshEffects,
) => Promise<RefreshAllResult | null>;

export interface WriterOptions {
  /** The open warehouse: files load on `connection`; refreshes run on a second connection. */
  warehouse: { instance: DuckDBInstance; connection: DuckDBConnection };
  log: Logger;
  now?: () => Date;
  pseudonymKeyHex: string;
  /** Where the UTF-8 copies handed to read_csv are written (`<dataDir>/tmp`). */
  tmpDir: string;
  /** config.settings, handed to the refresh (OPEL, alerts). */
  settings?: Record<string, unknown>;
  /** The inbox that pollInbox claims (`config.inboxDir`). */
  inboxDir?: string;
  /** The Parquet lake (exportLake). */
  lakeDir?: string;
  /**
   * Export the lake partitions of every committed file after each refresh (the command-line
   * ingest): each file queues its keys in `lake_queue` in its own transaction, so what a
   * stopped run committed is exported by the next. The service leaves the lake to its
   * schedule. Default false.
   */
  lakeAfterRefresh?: boolean;
  /** Feed loaders by name (default: every feed). */
  feeds?: Partial<Record<FeedName, Feed>>;
  /** Live events: data_landed after each commit, live/OPEL/alert changes after each refresh. */
  publish?: (type: WriterEventType, data: unknown) => void;
  /** The refresh of the queued keys (default refreshQueued); tests slow it down. */
  refresh?: RefreshStep;
}

export interface BacklogProgress {
  phase: 'loading' | 'rebuilding' | 'done';
  filesDone: number;
  filesTotal: number;
  /** With 'done' after a rebuild: what it did and how long each stage took. */
  rebuilt?: RefreshAllResult;
}

/**
 * The one way data enters the warehouse, for the service, the command-line ingest and the
 * tests. Each file (or pushed batch, or HL7 message batch) loads in one transaction on the
 * load connection, which also queues the keys it touched in `refresh_queue`. After commit a
 * refresh of the queued keys runs on a connection of its own, so loads (and MLLP ACKs) never
 * wait behind it: one refresh runs at a time and at most one is pending, which every file
 * landing meanwhile joins. Nothing refreshes inside a file's transaction.
 */
export interface Writer {
  /** The ingest engine's effects as this writer runs it (queueing after load, events after commit). */
  readonly effects: IngestEffects;
  /** Loads one file or pushed batch; resolves once committed (the refresh follows on its own). */
  ingest(
    feed: FeedName,
    fileName: string,
    bytes: Uint8Array,
    options?: IngestOptions,
  ): Promise<IngestResult>;
  /** Claims and loads every file in the inbox (see ingestInbox). */
  pollInbox(options?: Pick<InboxOptions, 'feeds'>): Promise<IngestResult[]>;
  /**
   * Loads a backlog with the refresh held, then rebuilds every model once (or refreshes the
   * queue when nothing new loaded). Stops between files when the writer closes.
   */
  loadBacklog(
    inboxDir: string,
    options?: Pick<InboxOptions, 'feeds'> & { onProgress?: (progress: BacklogProgress) => void },
  ): Promise<IngestResult[]>;
  /** Asks for a refresh of the queued keys and resolves when one has covered every commit so far. */
  refresh(): Promise<void>;
  /** A full rebuild of every model and the forecasts, in turn with the refreshes. */
  rebuild(): Promise<RefreshAllResult>;
  /** Exports the lake ('all' partitions, or the months of the keys given), in turn with the refreshes. */
  exportLake(scope: TouchedKeys | 'all'): Promise<LakeExportResult[]>;
  /** Resolves when no refresh is running or pending. */
  idle(): Promise<void>;
  /**
   * Stops within moments: the file in its transaction commits, inbox passes and backlogs stop
   * before their next file, a running refresh is interrupted and rolls back (its keys stay
   * queued for the next start) and no new one starts. Files handed to `ingest` afterwards
   * (an MLLP listener draining) still load and queue their keys.
   */
  close(): Promise<void>;
}

export async function createWriter(options: WriterOptions): Promise<Writer> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const connection = options.warehouse.connection;
  const refreshConnection = await connectTo(options.warehouse.instance);
  const publish = options.publish ?? (() => {});
  const refreshStep = options.refresh ?? refreshQueued;
  const effectsOfRefresh = (): RefreshEffects => ({
    now: now(),
    log,
    settings: options.settings ?? {},
  });

  let held = false;
  let closing = false;
  let running: Promise<void> | null = null;
  let pending: Promise<void> | null = null;
  const lakeDir = options.lakeAfterRefresh ? options.lakeDir : undefined;

  let refreshSideBusy = 0;
  const onRefreshSide = <T>(task: () => Promise<T>): Promise<T> =>
    serialised(refreshConnection, async () => {
      refreshSideBusy += 1;
      try {
        return await task();
      } finally {
        refreshSideBusy -= 1;
      }
    });

  /**
   * Exports the partitions of the keys in lake_queue up to `upTo` (those whose files the
   * refresh just run has covered), then removes them.
   */
  const exportQueuedLake = async (into: string, upTo: bigint): Promise<void> => {
    const queued = await readQueue(refreshConnection, 'lake_queue', upTo);
    if (queued === null) return;
    await exportLake(refreshConnection, into, queued.touched, { now: now() });
    await clearQueue(refreshConnection, queued.lastSeq, 'lake_queue');
  };

  const runRefresh = async (): Promise<void> => {
    // The lake keys committed before the refresh reads its queue: their files' keys are in it.
    let lakeUpTo: bigint | null = null;
    try {
      const result = await onRefreshSide(async () => {
        if (lakeDir !== undefined) lakeUpTo = await lastQueued(refreshConnection, 'lake_queue');
        return refreshStep(refreshConnection, effectsOfRefresh());
      });
      if (result) publishRefresh(publish, result);
    } catch (error) {
      if (!closing)
        log.error('model refresh failed; the keys stay queued', { error: String(error) });
      return;
    }
    if (lakeDir !== undefined && lakeUpTo !== null && !closing) {
      const upTo: bigint = lakeUpTo;
      try {
        await onRefreshSide(() => exportQueuedLake(lakeDir, upTo));
      } catch (error) {
        log.error('lake export failed; its keys stay queued for the next export', {
          error: String(error),
        });
      }
    }
  };

  const start = (): Promise<void> => {
    const run: Promise<void> = runRefresh().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };

  const requestRefresh = (): Promise<void> => {
    if (closing) return Promise.resolve();
    if (pending) return pending;
    if (running) {
      const next: Promise<void> = running.then(() => {
        if (pending === next) pending = null;
        return closing ? undefined : start();
      });
      pending = next;
      return next;
    }
    return start();
  };

  const effects: IngestEffects = {
    connection,
    now,
    log,
    pseudonymKeyHex: options.pseudonymKeyHex,
    tmpDir: options.tmpDir,
    ...(options.feeds ? { feeds: options.feeds } : {}),
    afterLoad: async (touched, feed, fileId) => {
      await enqueueTouched(connection, fileId, feed, touched, now());
      if (lakeDir !== undefined)
        await enqueueTouched(connection, fileId, feed, touched, now(), 'lake_queue');
    },
    afterCommit: async (result) => {
      publish('data_landed', {
        feed: result.feed,
        file: result.fileName,
        rows_in: result.rowsIn,
        loaded: result.loaded,
        quarantined: result.quarantined,
        duplicate: result.duplicate,
      });
      if (!held) void requestRefresh();
    },
  };

  const idle = async (): Promise<void> => {
    while (running || pending) await (pending ?? running);
  };

  const rebuild = async (): Promise<RefreshAllResult> => {
    const started = Date.now();
    const result = await onRefreshSide(() =>
      refreshEverything(refreshConnection, effectsOfRefresh()),
    );
    await onRefreshSide(() => refreshForecasts(refreshConnection, effectsOfRefresh()));
    publishRefresh(publish, result);
    log.info('models rebuilt', { seconds: Math.round((Date.now() - started) / 100) / 10 });
    return result;
  };

  return {
    effects,
    ingest: (feed, fileName, bytes, ingestOptions) =>
      ingestBytes(feed, fileName, bytes, effects, ingestOptions),
    async pollInbox(inboxOptions = {}) {
      if (!options.inboxDir) throw new Error('the writer was given no inbox folder');
      return ingestInbox(options.inboxDir, effects, { ...inboxOptions, shouldStop: () => closing });
    },
    async loadBacklog(inbox, { feeds, onProgress } = {}) {
      held = true;
      const started = Date.now();
      let results: IngestResult[] = [];
      let rebuilt: RefreshAllResult | undefined;
      try {
        results = await ingestInbox(inbox, effects, {
          ...(feeds ? { feeds } : {}),
          shouldStop: () => closing,
          onFile: (done, total) =>
            onProgress?.({ phase: 'loading', filesDone: done, filesTotal: total }),
        });
        if (results.length > 0) {
          log.info('inbox loaded', {
            files: results.length,
            rows: results.reduce((n, r) => n + r.rowsIn, 0),
            failed: results.filter((r) => r.status === 'failed').length,
            seconds: Math.round((Date.now() - started) / 100) / 10,
          });
        }
        if (closing) return results;
        const total = results.length;
        if (results.some((r) => r.status === 'loaded') || (await needsRebuild(connection))) {
          onProgress?.({ phase: 'rebuilding', filesDone: total, filesTotal: total });
          rebuilt = await rebuild();
        }
      } finally {
        held = false;
      }
      if (!closing) await requestRefresh();
      onProgress?.({
        phase: 'done',
        filesDone: results.length,
        filesTotal: results.length,
        ...(rebuilt ? { rebuilt } : {}),
      });
      return results;
    },
    refresh: async () => {
      await requestRefresh();
      // A refresh already running may have read the queue before the last commit.
      await requestRefresh();
    },
    rebuild: () => rebuild(),
    exportLake: (scope) => {
      const lakeDir = options.lakeDir;
      if (lakeDir === undefined) throw new Error('the writer was given no lake folder');
      return onRefreshSide(() => exportLake(refreshConnection, lakeDir, scope, { now: now() }));
    },
    idle,
    async close() {
      if (closing) return;
      closing = true;
      // The file in its transaction commits; nothing new starts after it.
      await serialised(connection, async () => {});
      // A refresh (or rebuild) in its transaction is interrupted and rolls back: its keys
      // stay queued for the next start. Interrupting acts on the statement running at that
      // moment, so it is repeated until the refresh side is quiet.
      const interrupter = setInterval(() => {
        if (refreshSideBusy > 0) refreshConnection.interrupt();
      }, 20);
      if (refreshSideBusy > 0) refreshConnection.interrupt();
      try {
        await idle();
        await serialised(refreshConnection, async () => {});
      } finally {
        clearInterval(interrupter);
      }
      refreshConnection.closeSync();
    },
  };
}

function publishRefresh(
  publish: (type: WriterEventType, data: unknown) => void,
  result: RefreshAllResult,
): void {
  if (result.liveChanged) publish('live_changed', { sites: result.liveSites });
  for (const alert of result.alertsRaised) publish('alert_raised', alert);
  for (const change of result.opelChanged) publish('opel_changed', change);
}

async function needsRebuild(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    'SELECT (SELECT count(*) FROM ingest_file) > 0 AND (SELECT count(*) FROM indicator_value) = 0 AS stale',
  );
  return reader.getRowObjectsJS()[0]?.stale === true;
}
