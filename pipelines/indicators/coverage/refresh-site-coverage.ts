import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshOrgFeedSpan } from '../../warehouse/index.js';
import { modelSql } from '../model-sql.js';

/**
 * Recomputes site_coverage (what each site's loaded facts cover, per feed and local day) for
 * the site-days in `_scope_site_day`; 'all' empties it first. From it, every indicator value's
 * coverage and provisional flag are derived when read (view indicator_value_status, over the
 * spans in org_feed_span, written again here), so they never go stale as a period fills in.
 * Runs on the caller's transaction.
 */
export async function refreshSiteCoverage(
  connection: DuckDBConnection,
  scope: 'all' | 'touched',
): Promise<void> {
  if (scope === 'all') await connection.run('DELETE FROM site_coverage');
  else {
    await connection.run(
      `DELETE FROM site_coverage c USING _scope_site_day s
       WHERE c.site_code = s.site_code AND c.day = s.day`,
    );
  }
  await connection.run(`INSERT INTO site_coverage ${modelSql('site-coverage.sql')}`);
  await refreshOrgFeedSpan(connection);
}
