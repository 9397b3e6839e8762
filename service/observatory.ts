import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { systemClock, type Clock } from '../pipelines/clock/index.js';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { FeedName, Logger } from '../pipelines/feeds/feed.js';
import { acknowledgeAlert, indicatorRegistry, xmr } from '../pipelines/indicators/index.js';
import {
  feedStatus,
  loadPseudonymKey,
  stagePublished,
  type IngestResult,
} from '../pipelines/ingest/index.js';
import {
  adtIngestStore,
  mllpSettingsFrom,
  startMllpListener,
  type MllpListener,
} from '../pipelines/mllp/index.js';
import { reportJobs } from '../pipelines/reports/index.js';
import {
  pipelineJobs,
  scheduleConfig,
  startSchedules,
  type RunningSchedules,
} from '../pipelines/schedule/index.js';
import { startDemoFeed, type LiveSimulation } from '../pipelines/simulate/index.js';
import {
  connectTo,
  openWarehouse,
  seedReference,
  type Warehouse,
} from '../pipelines/warehouse/index.js';
import { createWriter, type RefreshStep, type Writer } from '../pipelines/writer/index.js';
import {
  type AppDeps,
  ensureLocalAccess,
  apiSettingsFrom,
  authSettingsFrom,
  createApp,
  EventHub,
  serveApp,
  type RunningServer,
} from '../server/index.js';
import {
  defaultDemo,
  demoFeedOptions,
  isFreshStart,
  simulateDemoHistory,
  type DemoOptions,
} from './demo-history.js';
import { quiet } from './quiet-log.js';
import { buildServedNotebooks } from './served-notebooks.js';
import { StartupProgress, type Startup } from './startup-progress.js';

export { defaultDemo, type DemoOptions } from './demo-history.js';

export interface ObservatoryOptions {
  config: ObservatoryConfig;
  log: Logger;
  /** The one clock everything in the service asks for the time (default the system clock). */
  clock?: Clock;
  /** Demo data on an empty warehouse; undefined = config.demo decides with the defaults. */
  demo?: DemoOptions | false;
  /** Land the published files the project ships (config.publishedDir) on a fresh warehouse (default true). */
  published?: boolean;
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
  /** The refresh of queued keys (default the models' own); tests slow it down. */
  refresh?: RefreshStep;
}

export interface Observatory {
  url: string;
  /** One-click sign-in link for the local user (admin); null when people sign in through a provider. */
  signInUrl: string | null;
  /** The admin token the command-line tools use. */
  cliToken: string;
  warehouse: Warehouse;
  writer: Writer;
  events: EventHub;
  mllpPort: number | undefined;
  /** Where the start-up stands (the history load runs while the service already answers). */
  startup: () => Startup;
  /** Resolves once the history in the inbox is loaded and the models are built. */
  ready: Promise<void>;
  /** Ingests whatever is in the inbox now (what the schedule does every minute) and refreshes. */
  pollInbox(): Promise<IngestResult[]>;
  close(): Promise<void>;
}

const projectRoot = join(import.meta.dirname, '..');
const defaultStaticRoot = join(projectRoot, 'dashboards', 'dist');
const defaultNotebooksRoot = join(projectRoot, 'notebooks', 'dist');

/**
 * Starts the whole observatory in this process, which owns the warehouse: migrations and
 * reference data, the writer, the HTTP server, the MLLP listener and the schedules, then the
 * demo simulation on an empty warehouse and the load of the inbox's history, which runs
 * while the service already answers. `close()` stops everything in reverse order within a
 * few seconds: the file in its transaction finishes, the rest waits for the next start.
 */
export async function startObservatory(options: ObservatoryOptions): Promise<Observatory> {
  const { config, log } = options;
  const closers: Array<() => Promise<void> | void> = [];
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  const demo = options.demo ?? (config.demo ? defaultDemo : false);
  const demoFeed = demo && demoFeedOptions(demo, config);
  const progress = new StartupProgress(log);

  const warehouse = await openWarehouse(config.dbPath);
  const seeded = await seedReference(warehouse.connection, config.referenceDir, now());
  if (seeded.changed) log.info('reference data loaded', { tables: seeded.tables });

  const events = new EventHub(undefined, now);
  const writer = await createWriter({
    warehouse,
    log,
    now,
    pseudonymKeyHex: loadPseudonymKey(config),
    tmpDir: join(config.dataDir, 'tmp'),
    inboxDir: config.inboxDir,
    lakeDir: config.lakeDir,
    settings: config.settings,
    publish: (type, data) => events.publish(type, data),
    ...(options.refresh ? { refresh: options.refresh } : {}),
  });

  const reader = await connectTo(warehouse.instance);
  // API reads take these in turn with `reader`, so uncached reads run side by side.
  const extraReaders = [await connectTo(warehouse.instance), await connectTo(warehouse.instance)];
  const providers = authSettingsFrom(config.settings).providers;
  const access = await ensureLocalAccess(reader, config.secretsDir, now(), {
    signInLink: providers.length === 0,
    linkMinutes: apiSettingsFrom(config.settings).signInLinkMinutes,
  });
  if (
    options.buildPages &&
    !options.staticRoot &&
    !existsSync(join(defaultStaticRoot, 'index.html'))
  ) {
    const { buildDashboards } = await import('../dashboards/build.js');
    await buildDashboards();
    log.info('dashboards built', { folder: defaultStaticRoot });
  }
  const deps: AppDeps = {
    connection: reader,
    extraConnections: extraReaders,
    config,
    now,
    log,
    registry: indicatorRegistry,
    ingest: async (feed: FeedName, fileName: string, bytes: Uint8Array, scope) => {
      const result = await writer.ingest(feed, fileName, bytes, { scope });
      await writer.refresh();
      return result;
    },
    feedStatus: (connection: DuckDBConnection) => feedStatus(connection),
    xmr: xmr as AppDeps['xmr'],
    acknowledgeAlert,
    events,
    startup: () => progress.current(),
    staticRoot:
      options.staticRoot ?? (existsSync(defaultStaticRoot) ? defaultStaticRoot : undefined),
    notebooksRoot:
      options.notebooksRoot ??
      (options.buildPages || existsSync(defaultNotebooksRoot) ? defaultNotebooksRoot : undefined),
  };
  const server: RunningServer = await serveApp(createApp(deps), {
    host: config.host,
    port: config.port,
  });
  const url = `http://${config.host}:${server.port}`;

  let mllp: MllpListener | undefined;
  if (options.mllp !== false) {
    mllp = await startMllpListener({
      host: config.host,
      port: config.mllpPort,
      allowedPeers: mllpSettingsFrom(config.settings).allowedPeers,
      log,
      now,
      store: adtIngestStore({
        connection: warehouse.connection,
        now,
        ingest: (name, bytes) => writer.ingest('adt', name, bytes),
      }),
    });
  }

  let schedules: RunningSchedules | undefined;
  if (options.schedules !== false) {
    const jobs = pipelineJobs(scheduleConfig(config.settings), { writer, rebuild: true });
    // Reports run on a connection of their own: they only write report_delivery.
    const reportConnection = await connectTo(warehouse.instance);
    closers.push(() => reportConnection.closeSync());
    const reports = reportJobs(config, { connection: reportConnection, log, now });
    schedules = startSchedules([...jobs, ...reports], {
      connection: warehouse.connection,
      now,
      log,
    });
  }

  let live: LiveSimulation | undefined;
  let closing = false;
  const ready = (async () => {
    const fresh = await isFreshStart(warehouse.connection, config.inboxDir);
    if (fresh && options.published !== false) {
      const staged = stagePublished(config.publishedDir, config.inboxDir);
      if (staged > 0) log.info('published data staged for loading', { files: staged });
    }
    if (demoFeed && fresh) {
      progress.set({ phase: 'simulating' });
      simulateDemoHistory(demoFeed, clock, log);
    }
    if (closing) return;
    await writer.loadBacklog(config.inboxDir, { onProgress: (step) => progress.set(step) });
    if (closing) return;
    progress.set({ phase: 'ready' });
    if (demoFeed && demoFeed.speed > 0) live = startDemoFeed(demoFeed, { clock, log: quiet(log) });
  })();
  ready.catch((error: unknown) =>
    log.error('the history could not be loaded', { error: String(error) }),
  );

  if (options.buildPages && !options.notebooksRoot) {
    // The pages hold no data (they read the API when viewed): built once, at start.
    void buildServedNotebooks(join(projectRoot, 'notebooks'), log, now).catch((error: unknown) =>
      log.error('notebooks could not be built', { error: String(error) }),
    );
  }

  return {
    url,
    signInUrl: access.signInUrlPath === null ? null : `${url}${access.signInUrlPath}`,
    cliToken: access.cliToken,
    warehouse,
    writer,
    events,
    mllpPort: mllp?.port,
    startup: () => progress.current(),
    ready,
    async pollInbox() {
      const results = await writer.pollInbox();
      await writer.refresh();
      return results;
    },
    async close() {
      closing = true;
      await live?.stop();
      // The HTTP server stops beside the writer, not after it: its close writes the buffered
      // audit entries, which must not wait on the file in its transaction.
      await Promise.all([writer.close(), server.close()]);
      await mllp?.close();
      await schedules?.stop();
      await ready.catch(() => undefined);
      for (const close of closers) await close();
      for (const extra of extraReaders) extra.closeSync();
      reader.closeSync();
      warehouse.close();
    },
  };
}
