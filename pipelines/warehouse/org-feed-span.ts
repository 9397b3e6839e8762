import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Writes org_feed_span again from site_coverage and the org table (view
 * org_feed_span_from_coverage, migration 162): a few rows per org, read by every read of
 * indicator_value_status. Called whenever either changes; runs on the caller's transaction.
 */
export async function refreshOrgFeedSpan(connection: DuckDBConnection): Promise<void> {
  await connection.run('DELETE FROM org_feed_span');
  await connection.run('INSERT INTO org_feed_span SELECT * FROM org_feed_span_from_coverage');
}
