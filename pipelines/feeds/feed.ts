import type { DuckDBConnection } from '@duckdb/node-api';

export const feedNames = ['ae', 'adt', 'sitrep', 'discharge', 'ae-monthly'] as const;
export type FeedName = (typeof feedNames)[number];

/** Structured logging, passed in (tests pin it). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What a feed's loader is given for one file. The engine (pipelines/ingest) has already
 * decoded the bytes to UTF-8 text, recorded the file in the ledger (`fileId`) and opened the
 * transaction on `connection`; the loader writes facts and quarantine rows and returns counts.
 */
export interface FeedContext {
  connection: DuckDBConnection;
  fileId: bigint;
  fileName: string;
  /** UTF-8 text of the file (BOM removed, Windows-1252 decoded). */
  text: string;
  /** Path of a UTF-8 copy of `text` on disk, for DuckDB's read_csv. */
  textPath: string;
  now: Date;
  /** Hex HMAC-SHA256 key for NHS number pseudonyms (never logged). */
  pseudonymKeyHex: string;
  log: Logger;
}

/** A site × local calendar day whose facts changed. */
export interface TouchedSiteDay {
  site_code: string;
  /** YYYY-MM-DD, Europe/London. */
  day: string;
  /**
   * The feeds whose facts changed on it, as the refresh queue gathers them: a refresh widens
   * the site-day only as far as those feeds' facts reach. Absent or null: not known, widened
   * as for every feed. A feed's loader leaves it out (the engine knows the file's feed).
   */
  feeds?: FeedName[] | null;
}

/** The (org × period) keys a file touched, so models refresh only those. */
export interface TouchedKeys {
  /** Site codes × local calendar days whose facts changed. */
  siteDays: TouchedSiteDay[];
  /** Months (YYYY-MM-01) of published monthly data that changed. */
  months: string[];
}

export interface FeedLoadResult {
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicate: number;
  touched: TouchedKeys;
}

/** A feed: its name and how to load one decoded file inside an open transaction. */
export interface Feed {
  name: FeedName;
  load(context: FeedContext): Promise<FeedLoadResult>;
}

/** A file that cannot be read at all (empty, truncated, undecodable, wrong header). */
export class FeedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FeedError';
  }
}
