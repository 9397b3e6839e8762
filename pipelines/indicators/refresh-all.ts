import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchedKeys } from '../feeds/feed.js';
import { evaluateAlerts, type RaisedAlert } from './alerts/evaluate-alerts.js';
import { refreshInequality, type InequalityKey } from './inequality/refresh-inequality.js';
import { refreshLiveState } from './live/refresh-live-state.js';
import { assessOpel, type OpelChange } from './opel/assess-opel.js';
import { assessOpelHistory } from './opel/assess-opel-history.js';
import type { RefreshEffects } from './refresh-effects.js';
import { refreshIndicators, type RefreshIndicatorsResult } from './refresh-indicators.js';

/** What one refresh changed, for the service's live events. */
export interface RefreshAllResult {
  indicators: RefreshIndicatorsResult;
  inequalityRows: number;
  /** 'live_changed': sites and wards whose live rows changed. */
  liveChanged: boolean;
  liveSites: string[];
  liveWards: string[];
  /** 'opel_changed': orgs whose level changed. */
  opelChanged: OpelChange[];
  /** ICS × days of the daily OPEL history (opel_daily) assessed. */
  opelDays: number;
  /** 'alert_raised': new alerts; resolved ones by id. */
  alertsRaised: RaisedAlert[];
  alertsResolved: number[];
  ms: number;
  /** Wall milliseconds of each stage, in order ('opel': the live assessment and the history's). */
  stageMs: Record<'indicators' | 'inequality' | 'live' | 'opel' | 'alerts', number>;
}

/**
 * The model refresh after a file lands (touched keys) or on schedule ('all'), in order:
 * indicator values → inequality summaries (the week and month keys refreshed) → live state
 * → OPEL (live, then the days of the daily history the keys touch) → alerts. Forecasts run
 * on their own schedule (refreshForecasts). Runs on the caller's transaction.
 */
export async function refreshAll(
  connection: DuckDBConnection,
  touched: TouchedKeys | 'all',
  effects: RefreshEffects,
): Promise<RefreshAllResult> {
  const started = performance.now();
  let lapStarted = started;
  const lap = () => {
    const at = performance.now();
    const ms = Math.round(at - lapStarted);
    lapStarted = at;
    return ms;
  };
  const indicators = await refreshIndicators(connection, touched, effects);
  const indicatorsMs = lap();
  let inequalityRows = 0;
  if (touched === 'all') {
    inequalityRows = (await refreshInequality(connection, 'all')).rows;
  } else if (indicators.keys > 0) {
    const reader = await connection.runAndReadAll(
      `SELECT org_code, grain, strftime(period_start, '%Y-%m-%d') AS period_start
       FROM _affected_key WHERE grain IN ('week', 'month')`,
    );
    const keys = reader.getRowObjectsJS() as unknown as InequalityKey[];
    if (keys.length > 0) inequalityRows = (await refreshInequality(connection, keys)).rows;
  }
  const inequalityMs = lap();
  const live = await refreshLiveState(connection, effects);
  const liveMs = lap();
  const opel = await assessOpel(connection, effects);
  const opelHistory = await assessOpelHistory(connection, touched, effects);
  const opelMs = lap();
  const alerts = await evaluateAlerts(connection, effects);
  const alertsMs = lap();
  return {
    indicators,
    inequalityRows,
    liveChanged: live.changedSites.length > 0 || live.changedWards.length > 0,
    liveSites: live.changedSites,
    liveWards: live.changedWards,
    opelChanged: opel.changed,
    opelDays: opelHistory.days.length,
    alertsRaised: alerts.raised,
    alertsResolved: alerts.resolved,
    ms: Math.round(performance.now() - started),
    stageMs: {
      indicators: indicatorsMs,
      inequality: inequalityMs,
      live: liveMs,
      opel: opelMs,
      alerts: alertsMs,
    },
  };
}
