import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertCondition } from './alert-condition.js';
import type { AlertConfig } from './alert-config.js';

/**
 * A feed is late when its last loaded file (ingest_file.loaded_at) is older than lateFactor ×
 * its expected cadence at `now`. A feed that has never loaded a file is not watched.
 */
export async function feedLateRule(
  connection: DuckDBConnection,
  config: AlertConfig,
  now: Date,
): Promise<AlertCondition[]> {
  const reader = await connection.runAndReadAll(
    `SELECT feed, strftime(max(loaded_at), '%Y-%m-%dT%H:%M:%SZ') AS last_loaded,
       epoch($1::TIMESTAMP - max(loaded_at)) / 60 AS minutes_since
     FROM ingest_file WHERE status = 'loaded' AND loaded_at IS NOT NULL GROUP BY feed ORDER BY feed`,
    [now.toISOString().slice(0, 23).replace('T', ' ')],
  );
  const conditions: AlertCondition[] = [];
  for (const row of reader.getRowObjectsJS()) {
    const feed = String(row.feed) as keyof AlertConfig['feedCadenceMinutes'];
    const cadence = config.feedCadenceMinutes[feed];
    const minutes = Number(row.minutes_since);
    if (cadence === undefined || minutes <= cadence * config.lateFactor) continue;
    conditions.push({
      rule: 'feed_late',
      episode_key: `feed_late:${feed}`,
      org_code: null,
      indicator_id: null,
      severity: minutes > cadence * config.lateFactor * 4 ? 'critical' : 'warning',
      title: `The ${feed} feed is late: nothing loaded for ${Math.round(minutes)} minutes`,
      evidence: {
        feed,
        last_loaded: row.last_loaded,
        minutes_since: Math.round(minutes),
        expected_every_minutes: cadence,
        late_after_minutes: cadence * config.lateFactor,
      },
    });
  }
  return conditions;
}
