import type { JourneyRow } from '../contracts.js';
import { scopeClause } from '../scope-clause.js';
import { sql, type SqlQuery } from '../sql.js';
import type { Principal } from '../principal.js';

/** The cohort: the organisation, and the last local day of its days of arrival. */
export interface JourneyFilter {
  org: string;
  /** The last day of arrival (YYYY-MM-DD); default the day before the latest day with arrivals. */
  to?: string;
  /** Days of arrival, ending `to`. */
  days: number;
}

/**
 * One cohort followed through: the patients who arrived at the organisation's A&E departments
 * (planned follow-ups excluded) on the `days` local days ending `to`, counted at each stage —
 * how they arrived, how they left A&E, and where they are now. An admitted attendance is
 * followed to the inpatient spell the same patient began at the same trust between an hour
 * before arrival and a day after leaving A&E; every stage counts every patient of the cohort
 * once, so the stages add up.
 */
export function journeyQuery(
  principal: Principal | null,
  filter: JourneyFilter,
): SqlQuery<JourneyRow> {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const bounds = filter.to
    ? sql`SELECT CAST(${filter.to} AS DATE) AS to_day`
    : sql`SELECT CAST(period_day(max(a.arrived_at)) - 1 AS DATE) AS to_day
        FROM ae_attendance a WHERE a.site_code IN (SELECT site_code FROM sites)`;
  return sql<JourneyRow>`WITH sites AS (
      SELECT o.org_code AS site_code FROM org o
      WHERE o.org_type = 'site' AND ${scope}
        AND ${filter.org} IN (o.org_code, o.trust_code, o.ics_code, o.region_code)
    ),
    bounds AS (${bounds}),
    cohort AS (
      SELECT a.attendance_id, a.patient_id, a.trust_code, a.arrived_at, a.departed_at, a.disposal,
        a.arrival_mode
      FROM ae_attendance a, bounds b
      WHERE a.site_code IN (SELECT site_code FROM sites) AND a.attendance_category <> '4'
        AND a.arrived_at >= period_day_start_utc(b.to_day - ${filter.days - 1})
        AND a.arrived_at < period_day_start_utc(b.to_day + 1)
    ),
    followed AS (
      SELECT c.*, s.status AS spell_status
      FROM cohort c
      LEFT JOIN spell s ON c.disposal = 'admitted' AND s.patient_id = c.patient_id
        AND s.trust_code = c.trust_code AND s.status <> 'cancelled'
        AND s.admitted_at >= c.arrived_at - INTERVAL 1 HOUR
        AND s.admitted_at <= coalesce(c.departed_at, c.arrived_at) + INTERVAL 24 HOUR
      QUALIFY row_number() OVER (PARTITION BY c.attendance_id ORDER BY s.admitted_at) = 1
    ),
    staged AS (
      SELECT 1 AS stage_order, 'Arrival' AS stage,
        CASE WHEN arrival_mode = 'ambulance' THEN 'By ambulance' ELSE 'Walk-in or other' END AS category
      FROM followed
      UNION ALL
      SELECT 2, 'Leaving A&E',
        CASE WHEN departed_at IS NULL THEN 'Still in A&E'
             WHEN disposal = 'admitted' THEN 'Admitted'
             ELSE 'Left A&E' END
      FROM followed
      UNION ALL
      SELECT 3, 'Now',
        CASE WHEN departed_at IS NULL THEN 'Still in A&E'
             WHEN disposal <> 'admitted' THEN 'Left A&E'
             WHEN spell_status = 'admitted' THEN 'Still in hospital'
             WHEN spell_status = 'discharged' THEN 'Discharged from hospital'
             ELSE 'Admitted, no ward record' END
      FROM followed
    )
    SELECT ${filter.org} AS org_code,
      strftime(b.to_day - ${filter.days - 1}, '%Y-%m-%d') AS first_day,
      strftime(b.to_day, '%Y-%m-%d') AS last_day,
      s.stage, s.category, count(*) AS patients
    FROM staged s, bounds b
    GROUP BY ALL
    ORDER BY min(s.stage_order), count(*) DESC, s.category`;
}
