import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Replaces the rows of _site_as_at, the (site_code, as_at) pairs site-state-as-at.sql reads,
 * with those the query given returns; creates the table on first use on this connection.
 */
export async function fillSiteAsAt(
  connection: DuckDBConnection,
  pairs: string,
  params: Array<string | number> = [],
): Promise<void> {
  await connection.run(
    'CREATE TEMP TABLE IF NOT EXISTS _site_as_at (site_code VARCHAR, as_at TIMESTAMP)',
  );
  await connection.run('DELETE FROM _site_as_at');
  await connection.run(`INSERT INTO _site_as_at ${pairs}`, params);
}
