import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The latest period of `grain` ('YYYY-MM-DD HH:MM:SS') among the indicators `ids` in
 * indicator_value, or null when there is none. It is looked for first from 40 days before the
 * latest moment the loaded data covers (site_coverage: a few rows a site-day), a bound DuckDB
 * uses to skip the older row groups (the table is in period order within each grain); any row
 * found there holds the maximum. Only when there is none is the whole table read.
 */
export async function latestPeriod(
  connection: DuckDBConnection,
  grain: 'day' | 'month',
  ids: readonly string[],
): Promise<string | null> {
  const since = await connection.runAndReadAll(
    `SELECT strftime(CAST(max(covered_to) AS DATE) - INTERVAL 40 DAY, '%Y-%m-%d %H:%M:%S')
     FROM site_coverage`,
  );
  const bound = (since.getRows()[0]?.[0] as string | null) ?? null;
  const latest = async (from: string | null) => {
    const reader = await connection.runAndReadAll(
      `SELECT strftime(max(period_start), '%Y-%m-%d %H:%M:%S') FROM indicator_value
       WHERE grain = $1 AND indicator_id IN (SELECT unnest(CAST(from_json($2, '["VARCHAR"]') AS VARCHAR[])))
         ${from === null ? '' : 'AND period_start >= $3::TIMESTAMP'}`,
      from === null ? [grain, JSON.stringify(ids)] : [grain, JSON.stringify(ids), from],
    );
    return (reader.getRows()[0]?.[0] as string | null) ?? null;
  };
  return (bound !== null ? await latest(bound) : null) ?? (await latest(null));
}
