import type { DuckDBConnection } from '@duckdb/node-api';
import type { ObservatoryConfig } from '../pipelines/config.js';
import type { FeedName, Logger } from '../pipelines/feeds/feed.js';
import type { EventHub } from './events/event-hub.js';

/** What the API needs to know of an indicator in the registry (pipelines/indicators). */
export interface IndicatorDefinition {
  id: string;
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  targets?: unknown;
  grains: readonly string[];
  breakdowns: readonly string[];
  [key: string]: unknown;
}

/** One point of a series handed to `xmr`. */
export interface SeriesPoint {
  /** ISO 8601 period start. */
  period: string;
  value: number;
}

export interface XmrOptions {
  preset?: 'nhse' | 'plotthedots';
  improvement: 'up' | 'down' | 'neither';
  target?: number;
  recalculateAt?: string[];
}

/** Everything createApp is given; the lead wires the real ones in server/main.ts. */
export interface AppDeps {
  connection: DuckDBConnection;
  config: ObservatoryConfig;
  now: () => Date;
  log: Logger;
  registry: readonly IndicatorDefinition[];
  /** Lands a pushed batch exactly as a file drop does; returns the reconciliation. */
  ingest: (feed: FeedName, fileName: string, bytes: Uint8Array) => Promise<unknown>;
  /** The ingest engine's own view of each feed (freshness, ledger, reconciliation). */
  feedStatus: (connection: DuckDBConnection) => Promise<unknown>;
  xmr: (points: readonly SeriesPoint[], options: XmrOptions) => unknown;
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
  /** Built dashboard pages, served behind sign-in at `/`. */
  staticRoot?: string;
  /** Built analyst notebooks (`npm run notebooks`), served behind sign-in at `/notebooks/`. */
  notebooksRoot?: string;
}
