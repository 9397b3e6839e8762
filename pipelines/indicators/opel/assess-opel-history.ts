import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchedKeys } from '../../feeds/feed.js';
import { fillSiteAsAt } from '../live/fill-site-as-at.js';
import { modelSql } from '../model-sql.js';
import type { RefreshEffects } from '../refresh-effects.js';
import { readSiteFigures, scoreSites, type SiteFigures } from './assess-opel.js';
import { opelConfigFrom } from './opel-config.js';

export interface OpelHistoryResult {
  /** The ICS × local days assessed (YYYY-MM-DD), in order. */
  days: Array<{ ics_code: string; day: string }>;
  /** opel_daily rows written (trusts and ICSs). */
  rows: number;
}

/**
 * The daily OPEL history in opel_daily: every trust and ICS as at 08:00 local time of each day
 * of the loaded history (opel-history-days.sql says which days), from each site's state as at
 * that moment (site-state-as-at.sql, the model live_site is built with) and the live scoring
 * (scoreSites). 'all' assesses every day again; touched keys, the days whose figures they can
 * change and the days not assessed yet (new days, once every trust has data past their 08:00).
 * Runs after the live state (it reads the data clocks in live_site), on the caller's transaction.
 */
export async function assessOpelHistory(
  connection: DuckDBConnection,
  touched: TouchedKeys | 'all',
  effects: RefreshEffects,
): Promise<OpelHistoryResult> {
  const config = opelConfigFrom(effects.settings);
  await connection.run(
    'CREATE TEMP TABLE IF NOT EXISTS _opel_day (ics_code VARCHAR, day DATE, assessed_at TIMESTAMP)',
  );
  await connection.run('DELETE FROM _opel_day');
  await connection.run(`INSERT INTO _opel_day ${modelSql('opel-history-days.sql')}`, [
    touched === 'all' ? null : JSON.stringify(touched.siteDays),
  ]);
  const daysReader = await connection.runAndReadAll(
    `SELECT ics_code, strftime(day, '%Y-%m-%d') AS day FROM _opel_day ORDER BY ics_code, day`,
  );
  const days = daysReader.getRowObjectsJS() as Array<{ ics_code: string; day: string }>;
  if (touched === 'all') await connection.run('DELETE FROM opel_daily');
  if (days.length === 0) return { days, rows: 0 };

  await fillSiteAsAt(
    connection,
    `SELECT l.site_code, d.assessed_at FROM _opel_day d JOIN live_site l ON l.ics_code = d.ics_code`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE _site_state AS ${modelSql('site-state-as-at.sql')}`,
  );
  const byTime = new Map<number, SiteFigures[]>();
  for (const site of await readSiteFigures(connection, config)) {
    const at = site.as_at.getTime();
    const list = byTime.get(at);
    if (list) list.push(site);
    else byTime.set(at, [site]);
  }
  const rows = [...byTime.values()].flatMap((sites) =>
    scoreSites(sites, config).map(({ org_code, assessed_at, result }) => ({
      org_code,
      assessed_at: assessed_at.toISOString().slice(0, 19).replace('T', ' '),
      level: result.level,
      score: result.score,
      drivers: JSON.stringify(result.drivers),
    })),
  );

  await connection.run(
    `DELETE FROM opel_daily h USING _opel_day d, org o
     WHERE h.day = d.day AND o.org_code = h.org_code
       AND (o.org_code = d.ics_code OR (o.org_type = 'trust' AND o.ics_code = d.ics_code))`,
  );
  await connection.run(
    `INSERT INTO opel_daily
     SELECT r.org_code, d.day, d.assessed_at, r.level, r.score, CAST(r.drivers AS JSON)
     FROM (SELECT unnest(from_json($1, '[{"org_code":"VARCHAR","assessed_at":"TIMESTAMP","level":"TINYINT","score":"DOUBLE","drivers":"VARCHAR"}]'), recursive := true)) r
     JOIN (SELECT DISTINCT day, assessed_at FROM _opel_day) d ON d.assessed_at = r.assessed_at`,
    [JSON.stringify(rows)],
  );
  return { days, rows: rows.length };
}
