import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeedName, TouchedKeys, TouchedSiteDay } from '../feeds/feed.js';

/**
 * The queues of touched keys: `refresh_queue` for the model refresh, `lake_queue` for the
 * lake export that follows it (when the writer exports after each refresh).
 */
export type KeyQueue = 'refresh_queue' | 'lake_queue';

/**
 * Queues the keys a file of `feed` touched, inside the file's own transaction, each with the
 * feed (null: not known; the refresh then widens it as for every feed). (DISTINCT stays
 * outside the recursive unnest: DuckDB drops rows when both sit in one SELECT.)
 */
export async function enqueueTouched(
  connection: DuckDBConnection,
  fileId: bigint | null,
  feed: FeedName | null,
  touched: TouchedKeys,
  now: Date,
  queue: KeyQueue = 'refresh_queue',
): Promise<void> {
  if (touched.siteDays.length === 0 && touched.months.length === 0) return;
  await connection.run(
    `INSERT INTO ${queue} (file_id, feed, site_code, day, month, queued_at)
     SELECT DISTINCT $1, $5, site_code, day::DATE, NULL::DATE, $3::TIMESTAMP
     FROM (SELECT unnest(from_json($2::JSON, '[{"site_code":"VARCHAR","day":"VARCHAR"}]'), recursive := true))
     UNION ALL
     SELECT $1, $5, NULL, NULL, month::DATE, $3::TIMESTAMP
     FROM (SELECT DISTINCT unnest(from_json($4::JSON, '["VARCHAR"]')) AS month)`,
    [
      fileId,
      JSON.stringify(touched.siteDays),
      now.toISOString().replace('Z', ''),
      JSON.stringify(touched.months),
      feed,
    ],
  );
}

/** What is queued, up to and including `seq`. */
export interface QueuedKeys {
  lastSeq: bigint;
  touched: TouchedKeys;
}

/**
 * Reads everything queued so far, or up to and including `upTo` (null when nothing is): each
 * site-day once, with the feeds that queued it (null when any of its keys has no feed).
 */
export async function readQueue(
  connection: DuckDBConnection,
  queue: KeyQueue = 'refresh_queue',
  upTo?: bigint,
): Promise<QueuedKeys | null> {
  const reader = await connection.runAndReadAll(
    `WITH queued AS (SELECT * FROM ${queue} WHERE $1::BIGINT IS NULL OR seq <= $1),
     site_days AS (
       SELECT site_code, day,
         CASE WHEN bool_or(feed IS NULL) THEN NULL ELSE list_sort(list(DISTINCT feed)) END AS feeds
       FROM queued WHERE site_code IS NOT NULL
       GROUP BY site_code, day
     )
     SELECT (SELECT max(seq) FROM queued) AS last_seq,
       (SELECT list({'site_code': site_code, 'day': strftime(day, '%Y-%m-%d'), 'feeds': feeds}
          ORDER BY site_code, day) FROM site_days) AS site_days,
       (SELECT list(DISTINCT strftime(month, '%Y-%m-%d')) FROM queued WHERE month IS NOT NULL) AS months`,
    [upTo ?? null],
  );
  const row = reader.getRowObjectsJS()[0];
  if (!row || row.last_seq === null) return null;
  return {
    lastSeq: BigInt(row.last_seq as bigint),
    touched: {
      siteDays: (row.site_days as TouchedSiteDay[] | null) ?? [],
      months: (row.months as string[] | null) ?? [],
    },
  };
}

/** Removes what a refresh (or lake export) has consumed. */
export async function clearQueue(
  connection: DuckDBConnection,
  lastSeq: bigint,
  queue: KeyQueue = 'refresh_queue',
): Promise<void> {
  await connection.run(`DELETE FROM ${queue} WHERE seq <= $1`, [lastSeq]);
}

/** The last sequence number in a queue (null when it is empty). */
export async function lastQueued(
  connection: DuckDBConnection,
  queue: KeyQueue,
): Promise<bigint | null> {
  const reader = await connection.runAndReadAll(`SELECT max(seq) AS last_seq FROM ${queue}`);
  const last = reader.getRowObjectsJS()[0]?.last_seq;
  return last === null || last === undefined ? null : BigInt(last as bigint);
}
