import type { IndicatorValueRow, InequalitySummaryRow } from '../contracts.js';
import type { Principal } from '../principal.js';
import { scopeClause } from '../scope-clause.js';
import { sql, type SqlQuery } from '../sql.js';

export interface ValuesFilter {
  indicatorId: string;
  grain: string;
  dimension: string;
  org?: string;
  from?: string;
  to?: string;
  period?: string;
  /** Only values whose period is complete (is_provisional false). */
  complete?: boolean;
  /** Rows from this organisation and period start on (a page's cursor). */
  after?: ValuesCursor;
  /** At most this many rows. */
  limit?: number;
}

/** Where a page of values starts: an organisation and a period start (epoch ms, UTC). */
export interface ValuesCursor {
  org: string;
  period: number;
}

/** indicator_value rows for one indicator, grain and breakdown, inside the caller's scope. */
export function indicatorValuesQuery(
  principal: Principal | null,
  filter: ValuesFilter,
): SqlQuery<IndicatorValueRow> {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const org = filter.org ? sql` AND iv.org_code = ${filter.org}` : sql``;
  const from = filter.from ? sql` AND iv.period_start >= ${filter.from}::TIMESTAMP` : sql``;
  const to = filter.to ? sql` AND iv.period_start < ${filter.to}::DATE + INTERVAL 1 DAY` : sql``;
  const period = filter.period ? sql` AND iv.period_start = ${filter.period}::TIMESTAMP` : sql``;
  const complete = filter.complete ? sql` AND NOT iv.is_provisional` : sql``;
  const after = filter.after
    ? sql` AND (iv.org_code > ${filter.after.org} OR (iv.org_code = ${filter.after.org} AND iv.period_start >= epoch_ms(${filter.after.period}::BIGINT)))`
    : sql``;
  const limit = filter.limit === undefined ? sql`` : sql` LIMIT ${filter.limit}`;
  return sql<IndicatorValueRow>`SELECT iv.indicator_id, iv.org_code, iv.grain, iv.period_start, iv.dimension, iv.category,
      iv.numerator, iv.denominator, iv.value, iv.lower, iv.upper, iv.is_provisional, iv.coverage
    FROM indicator_value_status iv JOIN org o ON o.org_code = iv.org_code
    WHERE iv.indicator_id = ${filter.indicatorId} AND iv.grain = ${filter.grain}
      AND iv.dimension = ${filter.dimension}${org}${from}${to}${period}${complete}${after} AND ${scope}
    ORDER BY iv.org_code, iv.period_start, iv.category${limit}`;
}

/** The period latestPeriodQuery finds (YYYY-MM-DD HH:MM:SS), null when there are no rows. */
export interface LatestPeriodRow {
  period_start: string | null;
}

/**
 * The latest complete period with rows for an indicator, org, grain and breakdown, or the
 * latest period when none is complete (as YYYY-MM-DD HH:MM:SS).
 */
export function latestPeriodQuery(
  filter: ValuesFilter & { org: string },
): SqlQuery<LatestPeriodRow> {
  return sql<LatestPeriodRow>`SELECT strftime(coalesce(max(period_start) FILTER (WHERE NOT is_provisional), max(period_start)),
      '%Y-%m-%d %H:%M:%S') AS period_start
    FROM indicator_value_status
    WHERE indicator_id = ${filter.indicatorId} AND org_code = ${filter.org} AND grain = ${filter.grain}
      AND dimension = ${filter.dimension}`;
}

/** Gap, SII and RII for one indicator, org, grain, period and deprivation breakdown. */
export function inequalitySummaryQuery(
  principal: Principal | null,
  filter: ValuesFilter & { org: string; period: string },
): SqlQuery<InequalitySummaryRow> {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  return sql<InequalitySummaryRow>`SELECT s.indicator_id, s.org_code, s.grain, s.period_start, s.dimension, s.most_deprived, s.least_deprived,
      s.gap, s.gap_lower, s.gap_upper, s.sii, s.sii_lower, s.sii_upper, s.rii, s.rii_lower, s.rii_upper, s.unknown_share
    FROM inequality_summary s JOIN org o ON o.org_code = s.org_code
    WHERE s.indicator_id = ${filter.indicatorId} AND s.org_code = ${filter.org} AND s.grain = ${filter.grain}
      AND s.dimension = ${filter.dimension} AND s.period_start = ${filter.period}::TIMESTAMP AND ${scope}`;
}
