import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { FeedName, Logger, TouchedKeys } from '../pipelines/feeds/feed.js';
import {
  acknowledgeAlert,
  indicatorRegistry,
  refreshForecasts,
  xmr,
  type RefreshAllResult,
} from '../pipelines/indicators/index.js';
import { reportJobs } from '../pipelines/reports/index.js';
import { enqueueTouched, refreshEverything, refreshQueued } from '../pipelines/refresh/index.js';
import {
  feedStatus,
  ingestBytes,
  ingestInbox,
  loadPseudonymKey,
  serialised,
  type IngestEffects,
  type IngestResult,
} from '../pipelines/ingest/index.js';
import { adtIngestStore, startMllpListener, type MllpListener } from '../pipelines/mllp/index.js';
import {
  pipelineJobs,
  scheduleConfig,
  startSchedules,
  type RunningSchedules,
} from '../pipelines/schedule/index.js';
import { simulate, startLiveSimulation, type LiveSimulation } from '../pipelines/simulate/index.js';
import {
  connectTo,
  openWarehouse,
  seedReference,
  type Warehouse,
} from '../pipelines/warehouse/index.js';
import type { AppDeps } from './app-deps.js';
import { ensureLocalAccess } from './auth/ensure-local-access.js';
import { createApp } from './create-app.js';
import { EventHub } from './events/event-hub.js';
import { serveApp, type RunningServer } from './serve-app.js';

/** How the demo (simulated ICS) behaves when the warehouse starts empty. */
export interface DemoOptions {
  /** Days of history simulated into an empty inbox and warehouse. */
  days: number;
  seed: number;
  /** Keep writing live feeds; simulated minutes per wall-clock second. 0 = no live feed. */
  speed: number;
}

export interface ObservatoryOptions {
  config: ObservatoryConfig;
  log: Logger;
  now?: () => Date;
  /** Demo data on an empty warehouse; undefined = config.demo decides with the defaults. */
  demo?: DemoOptions | false;
  /** Start the node-cron schedules (default true). */
  schedules?: boolean;
  /** Start the MLLP listener (default true). */
  mllp?: boolean;
  /** Built dashboards to serve at / (default dashboards/dist when present). */
  staticRoot?: string;
  /** Built notebooks to serve at /notebooks/ (default notebooks/dist when present). */
  notebooksRoot?: string;
  /**
   * Build what the service serves when it is missing: the dashboards before serving (a few
   * seconds), the notebooks from the warehouse in the background after start and then hourly.
   * `npm start` sets it; tests build what they need themselves.
   */
  buildPages?: boolean;
}

export interface Observatory {
  url: string;
  /** One-click sign-in link for the local user (admin). */
  signInUrl: string;
  /** The admin token the command-line tools use. */
  cliToken: string;
  warehouse: Warehouse;
  events: EventHub;
  mllpPort: number | undefined;
  /** Ingests whatever is in the inbox now (what the schedule does every minute). */
  pollInbox(): Promise<IngestResult[]>;
  close(): Promise<void>;
}

export const defaultDemo: DemoOptions = { days: 90, seed: 20240101, speed: 1 };

const defaultStaticRoot = join(import.meta.dirname, '..', 'dashboards', 'dist');
const defaultNotebooksRoot = join(import.meta.dirname, '..', 'notebooks', 'dist');

/**
 * Starts the whole observatory in this process, which owns the warehouse: migrations and
 * reference data, the demo simulation on an empty warehouse, the first load of the inbox, the
 * schedules, the MLLP listener and the HTTP server. `close()` stops them in reverse order,
 * finishing in-flight requests and the current ingest transaction.
 */
export async function startObservatory(options: ObservatoryOptions): Promise<Observatory> {
  const { config, log } = options;
  const closers: Array<() => Promise<void>> = [];
  const now = options.now ?? (() => new Date());
  const demo = options.demo ?? (config.demo ? defaultDemo : false);

  const warehouse = await openWarehouse(config.dbPath);
  const writer = warehouse.connection;
  const seeded = await seedReference(writer, config.referenceDir);
  if (seeded.changed) log.info('reference data loaded', { tables: seeded.tables });

  const pseudonymKeyHex = loadPseudonymKey(config);
  const events = new EventHub();
  const pipeline = createPipeline(writer, config, pseudonymKeyHex, log, now, events);

  if (demo && (await isEmpty(writer)) && inboxIsEmpty(config.inboxDir)) {
    log.info('empty warehouse: simulating the demo ICS', { days: demo.days, seed: demo.seed });
    const result = simulate(
      {
        days: demo.days,
        seed: demo.seed,
        out: config.inboxDir,
        referenceDir: config.referenceDir,
        batch: 'day',
      },
      { now, log: quiet(log), progress: progressLogger(log, 'simulate') },
    );
    log.info('demo history written', { files: result.files, attendances: result.attendances });
  }
  await pipeline.loadBacklog();

  let live: LiveSimulation | undefined;
  if (demo && demo.speed > 0) {
    live = startLiveSimulation(
      {
        days: demo.days,
        seed: demo.seed,
        out: config.inboxDir,
        referenceDir: config.referenceDir,
        speed: demo.speed,
        historyWritten: true,
      },
      { now, log: quiet(log) },
    );
  }

  let schedules: RunningSchedules | undefined;
  if (options.schedules !== false) {
    const jobs = pipelineJobs(scheduleConfig(config.settings), {
      inboxDir: config.inboxDir,
      lakeDir: config.lakeDir,
      ingest: pipeline.effects,
      refresh: async () => {
        const result = await refreshEverything(writer, refreshEffects(config, log, now));
        await refreshForecasts(writer, refreshEffects(config, log, now));
        publishRefresh(events, result);
        return `models rebuilt in ${result.ms} ms; forecasts refreshed`;
      },
    });
    // Reports run on a connection of their own: they only write report_delivery.
    const reportConnection = await connectTo(warehouse.instance);
    closers.push(async () => reportConnection.closeSync());
    const reports = reportJobs(config, { connection: reportConnection, log, now });
    schedules = startSchedules([...jobs, ...reports], { connection: writer, now, log });
  }

  let mllp: MllpListener | undefined;
  if (options.mllp !== false) {
    mllp = await startMllpListener({
      host: config.host,
      port: config.mllpPort,
      log,
      store: adtIngestStore({
        connection: writer,
        now,
        ingest: (name, bytes) => ingestBytes('adt', name, bytes, pipeline.effects),
      }),
    });
  }

  const reader = await connectTo(warehouse.instance);
  const access = await ensureLocalAccess(reader, config.secretsDir, now());
  if (
    options.buildPages &&
    !options.staticRoot &&
    !existsSync(join(defaultStaticRoot, 'index.html'))
  ) {
    const { buildDashboards } = await import('../dashboards/build.js');
    await buildDashboards();
    log.info('dashboards built', { folder: defaultStaticRoot });
  }
  const staticRoot =
    options.staticRoot ?? (existsSync(defaultStaticRoot) ? defaultStaticRoot : undefined);
  const deps: AppDeps = {
    connection: reader,
    config,
    now,
    log,
    registry: indicatorRegistry,
    ingest: (feed: FeedName, fileName: string, bytes: Uint8Array) =>
      pipeline.ingest(feed, fileName, bytes),
    feedStatus: (connection: DuckDBConnection) => feedStatus(connection),
    xmr: xmr as AppDeps['xmr'],
    acknowledgeAlert,
    events,
    staticRoot,
    notebooksRoot:
      options.notebooksRoot ??
      (options.buildPages || existsSync(defaultNotebooksRoot) ? defaultNotebooksRoot : undefined),
  };
  const app = createApp(deps);
  const server: RunningServer = await serveApp(app, { host: config.host, port: config.port });
  const url = `http://${config.host}:${server.port}`;

  let notebooks: RunningSchedules | undefined;
  if (options.buildPages && !options.notebooksRoot) {
    const notebookReader = await connectTo(warehouse.instance);
    const build = () => buildServedNotebooks(notebookReader, log, now);
    void build().catch((error: unknown) =>
      log.error('notebooks could not be built', { error: String(error) }),
    );
    notebooks = startSchedules([{ name: 'notebooks:build', cron: '20 * * * *', run: build }], {
      connection: writer,
      now,
      log,
    });
    closers.push(async () => {
      await notebooks?.stop();
      notebookReader.closeSync();
    });
  }

  return {
    url,
    signInUrl: `${url}${access.signInUrlPath}`,
    cliToken: access.cliToken,
    warehouse,
    events,
    mllpPort: mllp?.port,
    pollInbox: () => pipeline.pollInbox(),
    async close() {
      await live?.stop();
      await server.close();
      await mllp?.close();
      await schedules?.stop();
      await pipeline.close();
      for (const close of closers) await close();
      reader.closeSync();
      warehouse.close();
    },
  };
}

/**
 * The writer's side of the service: every load and refresh runs on one connection, one at a
 * time. Files queue the keys they touched inside their own transaction (crash-safe); a
 * debounced refresh consumes the queue and publishes what changed.
 */
function createPipeline(
  connection: DuckDBConnection,
  config: ObservatoryConfig,
  pseudonymKeyHex: string,
  log: Logger,
  now: () => Date,
  events: EventHub,
) {
  const tmpDir = join(config.dataDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  let refreshTimer: NodeJS.Timeout | undefined;
  let holdRefresh = false;
  let lastRefresh: Promise<unknown> = Promise.resolve();

  const refresh = async (): Promise<void> => {
    const result = await serialised(connection, () =>
      refreshQueued(connection, refreshEffects(config, log, now)),
    );
    if (result) publishRefresh(events, result);
  };
  const scheduleRefresh = () => {
    if (holdRefresh || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      lastRefresh = refresh().catch((error: unknown) =>
        log.error('model refresh failed; the keys stay queued', { error: String(error) }),
      );
    }, 250);
  };

  const effects: IngestEffects = {
    connection,
    now,
    log,
    pseudonymKeyHex,
    tmpDir,
    afterLoad: (touched: TouchedKeys) => enqueueTouched(connection, null, touched, now()),
    afterCommit: async (result: IngestResult) => {
      events.publish('data_landed', {
        feed: result.feed,
        file: result.fileName,
        rows_in: result.rowsIn,
        loaded: result.loaded,
        quarantined: result.quarantined,
        duplicate: result.duplicate,
      });
      scheduleRefresh();
    },
  };

  return {
    effects,
    refresh,
    /** Loads a backlog with the refresh held, then rebuilds the models once. */
    async loadBacklog(): Promise<IngestResult[]> {
      holdRefresh = true;
      try {
        const results = await ingestBacklog(config.inboxDir, effects, log);
        const stale =
          results.some((r) => r.status === 'loaded') || (await needsRefresh(connection));
        if (stale) {
          const started = Date.now();
          await serialised(connection, () =>
            refreshEverything(connection, refreshEffects(config, log, now)),
          );
          await serialised(connection, () =>
            refreshForecasts(connection, refreshEffects(config, log, now)),
          );
          log.info('models rebuilt', { seconds: Math.round((Date.now() - started) / 100) / 10 });
        } else {
          await refresh();
        }
        return results;
      } finally {
        holdRefresh = false;
      }
    },
    async ingest(feed: FeedName, fileName: string, bytes: Uint8Array) {
      const result = await ingestBytes(feed, fileName, bytes, effects);
      await refresh();
      return result;
    },
    async pollInbox(): Promise<IngestResult[]> {
      const results = await ingestInbox(config.inboxDir, effects);
      await refresh();
      return results;
    },
    async close(): Promise<void> {
      holdRefresh = true;
      if (refreshTimer) clearTimeout(refreshTimer);
      await lastRefresh;
    },
  };
}

function publishRefresh(events: EventHub, result: RefreshAllResult): void {
  if (result.liveChanged) events.publish('live_changed', { sites: result.liveSites });
  for (const alert of result.alertsRaised) events.publish('alert_raised', alert);
  for (const change of result.opelChanged) events.publish('opel_changed', change);
}

/** Builds the notebooks from the service's own warehouse into notebooks/dist (served at /notebooks/). */
async function buildServedNotebooks(
  connection: DuckDBConnection,
  log: Logger,
  now: () => Date,
): Promise<{ files: number; rowsIn: number; detail: string }> {
  const { buildNotebooks } = await import('../notebooks/index.js');
  const root = join(import.meta.dirname, '..', 'notebooks');
  const result = await buildNotebooks({
    data: { connection, label: 'the service warehouse' },
    root,
    outDir: join(root, 'dist'),
    log: quiet(log),
    now,
  });
  log.info('notebooks built', { notebooks: result.notebooks.length, ms: Math.round(result.ms) });
  return { files: result.notebooks.length, rowsIn: 0, detail: `${result.queries} queries` };
}

function refreshEffects(config: ObservatoryConfig, log: Logger, now: () => Date) {
  return { now: now(), log, settings: config.settings };
}

async function ingestBacklog(
  inboxDir: string,
  ingest: IngestEffects,
  log: Logger,
): Promise<IngestResult[]> {
  const started = Date.now();
  const results = await ingestInbox(inboxDir, ingest);
  if (results.length > 0) {
    const rows = results.reduce((n, r) => n + r.rowsIn, 0);
    log.info('inbox loaded', {
      files: results.length,
      rows,
      failed: results.filter((r) => r.status === 'failed').length,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });
  }
  return results;
}

async function isEmpty(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM ingest_file');
  return Number(reader.getRowObjectsJS()[0]?.n ?? 0) === 0;
}

async function needsRefresh(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    'SELECT (SELECT count(*) FROM ingest_file) > 0 AND (SELECT count(*) FROM indicator_value) = 0 AS stale',
  );
  return reader.getRowObjectsJS()[0]?.stale === true;
}

function inboxIsEmpty(inboxDir: string): boolean {
  if (!existsSync(inboxDir)) return true;
  return readdirSync(inboxDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .every((entry) => readdirSync(join(inboxDir, entry.name)).length === 0);
}

function quiet(log: Logger): Logger {
  return { info: () => {}, warn: log.warn, error: log.error };
}

function progressLogger(log: Logger, what: string) {
  let last = 0;
  return (progress: { done: number; total: number }) => {
    const share = Math.floor((progress.done / progress.total) * 10);
    if (share > last || progress.done === progress.total) {
      last = share;
      log.info(`${what}: ${Math.round((progress.done / progress.total) * 100)}%`);
    }
  };
}
