import type { DuckDBConnection } from '@duckdb/node-api';
import { indicators } from '../registry.js';
import { targetInForce } from '../target-in-force.js';
import type { AlertCondition } from './alert-condition.js';
import { latestPeriod } from './latest-period.js';

/**
 * Target breached: the latest complete month (total; a provisional month is never judged) of
 * each indicator with an operational target, for each trust and ICS of the synthetic ICSs,
 * against the target in force in that month. Constitutional standards are not alerted on.
 * Only the last three months loaded are read, not the whole history: a series whose latest
 * complete month is older is not judged.
 */
export async function targetBreachRule(connection: DuckDBConnection): Promise<AlertCondition[]> {
  const withTargets = indicators.filter((indicator) =>
    indicator.targets.some((target) => !target.constitutional),
  );
  const ids = withTargets.map((indicator) => indicator.id);
  const latest = await latestPeriod(connection, 'month', ids);
  if (latest === null) return [];
  const reader = await connection.runAndReadAll(
    `SELECT v.indicator_id, v.org_code, strftime(v.period_start, '%Y-%m-%d') AS period, v.value
     FROM indicator_value_status v JOIN org o ON o.org_code = v.org_code
     WHERE o.is_synthetic AND o.org_type IN ('trust', 'ics') AND v.grain = 'month'
       AND v.dimension = 'total' AND v.value IS NOT NULL AND NOT v.is_provisional
       AND v.period_start >= $2::TIMESTAMP - INTERVAL 2 MONTH
       AND list_contains(CAST(from_json($1, '["VARCHAR"]') AS VARCHAR[]), v.indicator_id)
     QUALIFY row_number() OVER (PARTITION BY v.indicator_id, v.org_code ORDER BY v.period_start DESC) = 1
     ORDER BY v.indicator_id, v.org_code`,
    [JSON.stringify(ids), latest],
  );
  const conditions: AlertCondition[] = [];
  for (const row of reader.getRowObjectsJS()) {
    const indicator = withTargets.find((candidate) => candidate.id === row.indicator_id);
    const period = String(row.period);
    const target = targetInForce(indicator?.targets ?? [], period);
    const value = Number(row.value);
    if (!indicator || !target) continue;
    const met = target.comparison === '>=' ? value >= target.value : value <= target.value;
    if (met) continue;
    conditions.push({
      rule: 'target_breach',
      episode_key: `target_breach:${indicator.id}:${String(row.org_code)}`,
      org_code: String(row.org_code),
      indicator_id: indicator.id,
      severity: 'warning',
      title: `Target missed at ${String(row.org_code)} in ${monthName(period)}: ${indicator.title} — target ${target.label}`,
      evidence: {
        period,
        value,
        target: target.value,
        comparison: target.comparison,
        label: target.label,
      },
    });
  }
  return conditions;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** '2026-11-01' → 'November 2026'. */
function monthName(period: string): string {
  return monthFormat.format(new Date(`${period}T00:00:00Z`));
}
