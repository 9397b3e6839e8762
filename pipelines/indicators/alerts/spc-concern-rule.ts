import type { DuckDBConnection } from '@duckdb/node-api';
import { indicatorById } from '../registry.js';
import { xmr } from '../statistics/index.js';
import type { AlertCondition } from './alert-condition.js';
import { improvementOf } from '../improvement-of.js';
import type { AlertConfig } from './alert-config.js';
import { latestPeriod } from './latest-period.js';

/**
 * Special cause of concern on the latest point (Making Data Count): the day series (total) of
 * each watched indicator for each trust and ICS of the synthetic (operational) ICSs, over the
 * last spcWindowDays days of that series, with the improvement direction from its polarity.
 * Complete days only: a provisional day (still running, cut by the start of the history, or
 * with patients still in the department) is never judged. Only the window (and a week, for the
 * provisional days at its end) before the latest day loaded is read, not the whole history;
 * a series that stopped before it is not judged.
 */
export async function spcConcernRule(
  connection: DuckDBConnection,
  config: AlertConfig,
): Promise<AlertCondition[]> {
  const latest = await latestPeriod(connection, 'day', config.spcIndicators);
  if (latest === null) return [];
  const reader = await connection.runAndReadAll(
    `WITH series AS (
       SELECT v.indicator_id, v.org_code, v.period_start, v.value,
         max(v.period_start) OVER (PARTITION BY v.indicator_id, v.org_code) AS last_period
       FROM indicator_value_status v JOIN org o ON o.org_code = v.org_code
       WHERE o.is_synthetic AND o.org_type IN ('trust', 'ics') AND v.grain = 'day'
         AND v.dimension = 'total' AND v.value IS NOT NULL AND NOT v.is_provisional
         AND v.period_start > $3::TIMESTAMP - to_days(CAST($2 AS INTEGER) + 7)
         AND list_contains(CAST(from_json($1, '["VARCHAR"]') AS VARCHAR[]), v.indicator_id))
     SELECT indicator_id, org_code, list(strftime(period_start, '%Y-%m-%d') ORDER BY period_start) AS periods,
       list(value ORDER BY period_start) AS values
     FROM series WHERE period_start > last_period - to_days(CAST($2 AS INTEGER))
     GROUP BY indicator_id, org_code ORDER BY indicator_id, org_code`,
    [JSON.stringify(config.spcIndicators), config.spcWindowDays, latest],
  );
  const conditions: AlertCondition[] = [];
  for (const row of reader.getRowObjectsJS()) {
    const indicator = indicatorById(String(row.indicator_id));
    const periods = row.periods as string[];
    const values = row.values as number[];
    const improvement = improvementOf(indicator.polarity);
    const chart = xmr(
      periods.map((period, i) => ({ period, value: values[i] })),
      { improvement },
    );
    const last = chart.points[chart.points.length - 1];
    if (!last || last.variation !== 'concern') continue;
    conditions.push({
      rule: 'spc_concern',
      episode_key: `spc_concern:${indicator.id}:${String(row.org_code)}`,
      org_code: String(row.org_code),
      indicator_id: indicator.id,
      severity: 'warning',
      title: `${indicator.title}: special cause of concern at ${String(row.org_code)}`,
      evidence: {
        period: last.period,
        value: last.value,
        mean: last.mean,
        lower_limit: last.lowerLimit,
        upper_limit: last.upperLimit,
        rules: last.rules,
        points: chart.points.length,
      },
    });
  }
  return conditions;
}
