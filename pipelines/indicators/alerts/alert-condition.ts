/** The rules that raise alerts (alert.rule). */
export type AlertRule =
  'spc_concern' | 'target_breach' | 'opel_up' | 'feed_late' | 'forecast_over_capacity';

/** A condition a rule finds true now; one open alert per episode_key. */
export interface AlertCondition {
  rule: AlertRule;
  episode_key: string;
  org_code: string | null;
  indicator_id: string | null;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  evidence: Record<string, unknown>;
}
