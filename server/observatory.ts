import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { FeedName, Logger, TouchedKeys } from '../pipelines/feeds/feed.js';
import {
  acknowledgeAlert,
  indicatorRegistry,
  refreshAll,
  refreshForecasts,
  xmr,
} from '../pipelines/indicators/index.js';
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
import { connectTo, openWarehouse, type Warehouse } from '../pipelines/warehouse/index.js';
import { seedReference } from '../pipelines/warehouse/seed-reference.js';
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

export const defaultDemo: DemoOptions = { days: 90, seed: 20240101, speed: 2 };

const defaultStaticRoot = join(import.meta.dirname, '..', 'dashboards', 'dist');

/**
 * Starts the whole observatory in this process, which owns the warehouse: migrations and
 * reference data, the demo simulation on an empty warehouse, the first load of the inbox, the
 * schedules, the MLLP listener and the HTTP server. `close()` stops them in reverse order,
 * finishing in-flight requests and the current ingest transaction.
 */
export async function startObservatory(options: ObservatoryOptions): Promise<Observatory> {
  const { config, log } = options;
  const now = options.now ?? (() => new Date());
  const demo = options.demo ?? (config.demo ? defaultDemo : false);

  const warehouse = await openWarehouse(config.dbPath);
  const writer = warehouse.connection;
  const seeded = await seedReference(writer, config.referenceDir);
  if (seeded.changed) log.info('reference data loaded', { tables: seeded.tables });

  const pseudonymKeyHex = loadPseudonymKey(config);
  const events = new EventHub();
  const ingest = ingestEffects(writer, config, pseudonymKeyHex, log, now, events);

  if (demo && (await isEmpty(writer)) && inboxIsEmpty(config.inboxDir)) {
    log.info('empty warehouse: simulating the demo ICS', { days: demo.days, seed: demo.seed });
    const result = simulate(
      { days: demo.days, seed: demo.seed, out: config.inboxDir, referenceDir: config.referenceDir },
      { now, log: quiet(log), progress: progressLogger(log, 'simulate') },
    );
    log.info('demo history written', { files: result.files, attendances: result.attendances });
  }

  const first = await ingestBacklog(config.inboxDir, ingest, log);
  if (first.length > 0 || (await needsRefresh(writer))) {
    await serialised(writer, () => refreshAll(writer, 'all', refreshEffects(config, log, now)));
    await serialised(writer, () => refreshForecasts(writer, refreshEffects(config, log, now)));
  }

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
      ingest,
      refresh: async () => {
        const result = await refreshAll(writer, 'all', refreshEffects(config, log, now));
        await refreshForecasts(writer, refreshEffects(config, log, now));
        publishRefresh(events, result);
        return 'indicators, live state, OPEL, alerts and forecasts refreshed';
      },
    });
    schedules = startSchedules(jobs, { connection: writer, now, log });
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
        ingest: (name, bytes) => ingestBytes('adt', name, bytes, ingest),
      }),
    });
  }

  const reader = await connectTo(warehouse.instance);
  const access = await ensureLocalAccess(reader, config.secretsDir, now());
  const staticRoot =
    options.staticRoot ?? (existsSync(defaultStaticRoot) ? defaultStaticRoot : undefined);
  const deps: AppDeps = {
    connection: reader,
    config,
    now,
    log,
    registry: indicatorRegistry,
    ingest: (feed: FeedName, fileName: string, bytes: Uint8Array) =>
      ingestBytes(feed, fileName, bytes, ingest),
    feedStatus: (connection: DuckDBConnection) => feedStatus(connection),
    xmr: xmr as AppDeps['xmr'],
    acknowledgeAlert,
    events,
    staticRoot,
  };
  const app = createApp(deps);
  const server: RunningServer = await serveApp(app, { host: config.host, port: config.port });
  const url = `http://${config.host}:${server.port}`;

  return {
    url,
    signInUrl: `${url}${access.signInUrlPath}`,
    cliToken: access.cliToken,
    warehouse,
    events,
    mllpPort: mllp?.port,
    pollInbox: () => ingestInbox(config.inboxDir, ingest),
    async close() {
      await live?.stop();
      await server.close();
      await mllp?.close();
      await schedules?.stop();
      reader.closeSync();
      warehouse.close();
    },
  };
}

function ingestEffects(
  connection: DuckDBConnection,
  config: ObservatoryConfig,
  pseudonymKeyHex: string,
  log: Logger,
  now: () => Date,
  events: EventHub,
): IngestEffects {
  const tmpDir = join(config.dataDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  return {
    connection,
    now,
    log,
    pseudonymKeyHex,
    tmpDir,
    afterLoad: async (touched: TouchedKeys) => {
      const result = await refreshAll(connection, touched, refreshEffects(config, log, now));
      pending.push(result);
    },
    afterCommit: async (result: IngestResult) => {
      events.publish('data_landed', {
        feed: result.feed,
        file: result.fileName,
        rows_in: result.rowsIn,
        loaded: result.loaded,
        quarantined: result.quarantined,
        duplicate: result.duplicate,
      });
      for (const refreshed of pending.splice(0)) publishRefresh(events, refreshed);
    },
  };
}

const pending: Array<Awaited<ReturnType<typeof refreshAll>>> = [];

function publishRefresh(events: EventHub, result: Awaited<ReturnType<typeof refreshAll>>): void {
  if (result.liveChanged) events.publish('live_changed', { sites: result.liveSites });
  for (const alert of result.alertsRaised) events.publish('alert_raised', alert);
  for (const change of result.opelChanged) events.publish('opel_changed', change);
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
