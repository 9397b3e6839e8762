import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { FeedName, Logger } from '../pipelines/feeds/feed.js';
import type { IndicatorDefinition, xmr } from '../pipelines/indicators/index.js';
import type { EventHub } from './events/event-hub.js';

/** The start-up phase shown by /api/health, /api/ready and the pages. */
export interface StartupState {
  phase: 'starting' | 'simulating' | 'loading' | 'rebuilding' | 'ready';
  filesDone: number;
  filesTotal: number;
  since: string;
}

/** Everything createApp is given; wired in service/observatory.ts. */
export interface AppDeps {
  connection: DuckDBConnection;
  config: ObservatoryConfig;
  now: () => Date;
  log: Logger;
  registry: readonly IndicatorDefinition[];
  /**
   * Lands a pushed batch exactly as a file drop does; returns the reconciliation. With a scope
   * (the sender's ICS codes), a batch with any row outside it is refused whole by throwing
   * OutOfScopeError (pipelines/ingest) and nothing is loaded.
   */
  ingest: (
    feed: FeedName,
    fileName: string,
    bytes: Uint8Array,
    scope: readonly string[] | null,
  ) => Promise<unknown>;
  /** The ingest engine's own view of each feed (freshness, ledger, reconciliation). */
  feedStatus: (connection: DuckDBConnection) => Promise<unknown>;
  xmr: typeof xmr;
  acknowledgeAlert: (
    connection: DuckDBConnection,
    alertId: bigint,
    by: string,
    now: Date,
  ) => Promise<unknown>;
  events: EventHub;
  /**
   * Further connections to the same instance (made with connectTo): requests take them in
   * turn with `connection`, so queries run in parallel instead of queueing on one connection.
   */
  extraConnections?: DuckDBConnection[];
  /**
   * Where the service's start-up stands while the history loads (the service answers from
   * the first moment); absent = ready.
   */
  startup?: () => StartupState;
  /** Built dashboard pages, served behind sign-in at `/`. */
  staticRoot?: string;
  /** Where `settings.auth.providers[].clientSecretEnv` are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Built analyst notebooks (`npm run notebooks`), served behind sign-in at `/notebooks/`. */
  notebooksRoot?: string;
}
