import type { DuckDBConnection } from '@duckdb/node-api';
import type { RefreshEffects } from '../refresh-effects.js';
import type { AlertCondition, AlertRule } from './alert-condition.js';
import { alertConfigFrom } from './alert-config.js';
import { feedLateRule } from './feed-late-rule.js';
import { forecastCapacityRule } from './forecast-capacity-rule.js';
import { opelUpRule } from './opel-up-rule.js';
import { spcConcernRule } from './spc-concern-rule.js';
import { targetBreachRule } from './target-breach-rule.js';

export interface RaisedAlert extends AlertCondition {
  alert_id: number;
}

export interface EvaluateAlertsResult {
  raised: RaisedAlert[];
  /** alert_ids resolved because their condition cleared. */
  resolved: number[];
}

/**
 * Evaluates every alert rule. A condition with no open or acknowledged alert of its
 * episode_key raises one (with its evidence); an open or acknowledged alert whose condition
 * no longer holds is resolved. A rule that fails is logged and its alerts left as they are.
 */
export async function evaluateAlerts(
  connection: DuckDBConnection,
  effects: RefreshEffects,
): Promise<EvaluateAlertsResult> {
  const config = alertConfigFrom(effects.settings);
  const rules: Array<[AlertRule, () => Promise<AlertCondition[]>]> = [
    ['spc_concern', () => spcConcernRule(connection, config)],
    ['target_breach', () => targetBreachRule(connection)],
    ['opel_up', () => opelUpRule(connection)],
    ['feed_late', () => feedLateRule(connection, config, effects.now)],
    ['forecast_over_capacity', () => forecastCapacityRule(connection, config)],
  ];
  const conditions = new Map<string, AlertCondition>();
  const evaluated = new Set<AlertRule>();
  for (const [rule, evaluate] of rules) {
    try {
      for (const condition of await evaluate()) conditions.set(condition.episode_key, condition);
      evaluated.add(rule);
    } catch (error) {
      effects.log.error('alert rule failed', { rule, error: (error as Error).message });
    }
  }

  const openReader = await connection.runAndReadAll(
    `SELECT alert_id, rule, episode_key FROM alert WHERE status IN ('open', 'acknowledged')`,
  );
  const open = openReader.getRowObjectsJS();
  const openKeys = new Set(open.map((row) => String(row.episode_key)));
  const now = effects.now.toISOString().slice(0, 23).replace('T', ' ');

  const resolved: number[] = [];
  for (const row of open) {
    if (!evaluated.has(row.rule as AlertRule) || conditions.has(String(row.episode_key))) continue;
    await connection.run(
      `UPDATE alert SET status = 'resolved', resolved_at = $2::TIMESTAMP WHERE alert_id = $1`,
      [Number(row.alert_id), now],
    );
    resolved.push(Number(row.alert_id));
  }

  const raised: RaisedAlert[] = [];
  for (const condition of conditions.values()) {
    if (openKeys.has(condition.episode_key)) continue;
    const reader = await connection.runAndReadAll(
      `INSERT INTO alert (rule, episode_key, org_code, indicator_id, severity, title, evidence, status, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS JSON), 'open', $8::TIMESTAMP)
       RETURNING alert_id`,
      [
        condition.rule,
        condition.episode_key,
        condition.org_code,
        condition.indicator_id,
        condition.severity,
        condition.title,
        JSON.stringify(condition.evidence),
        now,
      ],
    );
    raised.push({ ...condition, alert_id: Number(reader.getRows()[0][0]) });
  }
  return { raised, resolved };
}
