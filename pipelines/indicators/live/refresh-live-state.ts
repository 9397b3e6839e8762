import type { DuckDBConnection } from '@duckdb/node-api';
import { modelSql } from '../model-sql.js';
import { fillSiteAsAt } from './fill-site-as-at.js';
import type { RefreshEffects } from '../refresh-effects.js';

export interface LiveStateResult {
  /** Sites whose live row changed (besides updated_at). */
  changedSites: string[];
  /** Wards whose live row changed. */
  changedWards: string[];
}

/**
 * Recomputes live_site and live_ward from the facts at each site's data clock (the latest
 * event delivered for it: the site's state as at that time, site-state-as-at.sql), and reports which rows changed so the service can emit
 * 'live_changed'. Runs on the caller's transaction.
 */
export async function refreshLiveState(
  connection: DuckDBConnection,
  effects: RefreshEffects,
): Promise<LiveStateResult> {
  const updatedAt = effects.now.toISOString().slice(0, 23).replace('T', ' ');
  await connection.run(
    'CREATE TEMP TABLE IF NOT EXISTS _live_site_before AS FROM live_site WITH NO DATA',
  );
  await connection.run(
    'CREATE TEMP TABLE IF NOT EXISTS _live_ward_before AS FROM live_ward WITH NO DATA',
  );
  await connection.run('DELETE FROM _live_site_before');
  await connection.run('DELETE FROM _live_ward_before');
  await connection.run('INSERT INTO _live_site_before FROM live_site');
  await connection.run('INSERT INTO _live_ward_before FROM live_ward');
  await fillSiteAsAt(connection, modelSql('site-data-clock.sql'));
  await connection.run('DELETE FROM live_site');
  await connection.run(
    `INSERT INTO live_site SELECT *, $1::TIMESTAMP AS updated_at FROM (${modelSql('site-state-as-at.sql')})`,
    [updatedAt],
  );
  await connection.run('DELETE FROM live_ward');
  await connection.run(`INSERT INTO live_ward ${modelSql('live-ward.sql')}`);
  const sites = await connection.runAndReadAll(
    `SELECT site_code FROM (
       (SELECT * EXCLUDE (updated_at) FROM live_site EXCEPT SELECT * EXCLUDE (updated_at) FROM _live_site_before)
       UNION ALL
       (SELECT * EXCLUDE (updated_at) FROM _live_site_before EXCEPT SELECT * EXCLUDE (updated_at) FROM live_site))
     GROUP BY site_code ORDER BY site_code`,
  );
  const wards = await connection.runAndReadAll(
    `SELECT ward_code FROM (
       (FROM live_ward EXCEPT FROM _live_ward_before) UNION ALL (FROM _live_ward_before EXCEPT FROM live_ward))
     GROUP BY ward_code ORDER BY ward_code`,
  );
  return {
    changedSites: sites.getRows().map((row) => String(row[0])),
    changedWards: wards.getRows().map((row) => String(row[0])),
  };
}
