import type { AlertRow, ForecastRow, LiveSiteRow, LiveWardRow, OpelRow } from '../contracts.js';
import type { Principal } from '../principal.js';
import { scopeClause } from '../scope-clause.js';
import { sql, type SqlQuery } from '../sql.js';

const scopeOf = (principal: Principal | null, column: string) =>
  scopeClause(principal?.scope ?? null, column);

export function liveSitesQuery(principal: Principal | null): SqlQuery<LiveSiteRow> {
  return sql<LiveSiteRow>`SELECT l.* FROM live_site l WHERE ${scopeOf(principal, 'l.ics_code')} ORDER BY l.ics_code, l.site_code`;
}

export function liveWardsQuery(principal: Principal | null): SqlQuery<LiveWardRow> {
  return sql<LiveWardRow>`SELECT w.ward_code, w.site_code, w.bed_type, w.core_beds, w.occupied, w.free, w.as_at
    FROM live_ward w JOIN org o ON o.org_code = w.site_code
    WHERE ${scopeOf(principal, 'o.ics_code')} ORDER BY w.site_code, w.ward_code`;
}

/** Which OPEL rows: one trust or ICS (else every one in scope), from and to a day. */
export interface OpelFilter {
  org?: string;
  from?: string;
  to?: string;
}

/** OPEL levels with org names; latest per org, or the history in a window. */
export function opelQuery(
  principal: Principal | null,
  options: OpelFilter & { latest: boolean },
): SqlQuery<OpelRow> {
  const org = options.org ? sql` AND l.org_code = ${options.org}` : sql``;
  const from = options.from ? sql` AND l.assessed_at >= ${options.from}::TIMESTAMP` : sql``;
  const to = options.to ? sql` AND l.assessed_at < ${options.to}::DATE + INTERVAL 1 DAY` : sql``;
  const latest = options.latest
    ? sql` QUALIFY row_number() OVER (PARTITION BY l.org_code ORDER BY l.assessed_at DESC) = 1`
    : sql``;
  return sql<OpelRow>`SELECT l.org_code, o.org_name, o.org_type, l.assessed_at, l.level, l.score, l.drivers
    FROM opel_level l JOIN org o ON o.org_code = l.org_code
    WHERE ${scopeOf(principal, 'o.ics_code')}${org}${from}${to}${latest}
    ORDER BY l.org_code, l.assessed_at`;
}

/**
 * The daily OPEL history (opel_daily): each trust and ICS as at 08:00 local time of each day,
 * in a window of days; the same columns as opelQuery.
 */
export function opelDailyQuery(
  principal: Principal | null,
  options: OpelFilter,
): SqlQuery<OpelRow> {
  const org = options.org ? sql` AND h.org_code = ${options.org}` : sql``;
  const from = options.from ? sql` AND h.day >= ${options.from}::DATE` : sql``;
  const to = options.to ? sql` AND h.day <= ${options.to}::DATE` : sql``;
  return sql<OpelRow>`SELECT h.org_code, o.org_name, o.org_type, h.assessed_at, h.level, h.score, h.drivers
    FROM opel_daily h JOIN org o ON o.org_code = h.org_code
    WHERE ${scopeOf(principal, 'o.ics_code')}${org}${from}${to}
    ORDER BY h.org_code, h.day`;
}

/** The latest forecast run per site and measure. */
export function forecastsQuery(
  principal: Principal | null,
  site?: string,
  measure?: string,
): SqlQuery<ForecastRow> {
  const bySite = site ? sql` AND f.site_code = ${site}` : sql``;
  const byMeasure = measure ? sql` AND f.measure = ${measure}` : sql``;
  return sql<ForecastRow>`SELECT f.site_code, f.measure, f.generated_at, f.hour_start, f.mean, f.lower80, f.upper80, f.lower95, f.upper95
    FROM forecast f JOIN org o ON o.org_code = f.site_code
    WHERE ${scopeOf(principal, 'o.ics_code')}${bySite}${byMeasure}
      AND f.generated_at = (SELECT max(g.generated_at) FROM forecast g WHERE g.site_code = f.site_code AND g.measure = f.measure)
    ORDER BY f.site_code, f.measure, f.hour_start`;
}

/** Alerts inside the scope; alerts with no organisation are seen only by unscoped callers. */
export function alertsQuery(principal: Principal | null, status?: string): SqlQuery<AlertRow> {
  const scope = principal?.scope
    ? sql`a.org_code IS NOT NULL AND ${scopeOf(principal, 'o.ics_code')}`
    : sql`TRUE`;
  const byStatus = status ? sql` AND a.status = ${status}` : sql``;
  return sql<AlertRow>`SELECT a.alert_id, a.rule, a.episode_key, a.org_code, a.indicator_id, a.severity, a.title, a.evidence,
      a.status, a.raised_at, a.acknowledged_at, a.acknowledged_by, a.resolved_at
    FROM alert a LEFT JOIN org o ON o.org_code = a.org_code
    WHERE ${scope}${byStatus}
    ORDER BY a.raised_at DESC, a.alert_id DESC`;
}
