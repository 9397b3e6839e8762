import type { DuckDBConnection } from '@duckdb/node-api';
import type { AlertCondition } from './alert-condition.js';
import type { AlertConfig } from './alert-config.js';

/**
 * Forecast over capacity: in a site's latest arrivals forecast, an hour whose mean exceeds the
 * site's arrival capacity (configured, or else the 95th percentile of its hourly arrivals over
 * the 8 weeks before the forecast).
 */
export async function forecastCapacityRule(
  connection: DuckDBConnection,
  config: AlertConfig,
): Promise<AlertCondition[]> {
  const reader = await connection.runAndReadAll(
    `WITH latest AS (
       SELECT site_code, max(generated_at) AS generated_at FROM forecast WHERE measure = 'arrivals' GROUP BY site_code),
     observed AS (
       SELECT h.site_code, quantile_cont(h.numerator, 0.95) AS p95
       FROM indicator_site_hour h JOIN latest l ON l.site_code = h.site_code
       WHERE h.indicator_id = 'ae_attendances' AND h.hour_start >= l.generated_at - INTERVAL 56 DAY
         AND h.hour_start < l.generated_at
       GROUP BY h.site_code),
     configured AS (
       SELECT unnest(from_json($1, '[{"site_code":"VARCHAR","capacity":"DOUBLE"}]'), recursive := true)),
     capacity AS (
       SELECT l.site_code, l.generated_at, coalesce(c.capacity, o.p95) AS capacity,
         c.capacity IS NOT NULL AS is_configured
       FROM latest l LEFT JOIN observed o ON o.site_code = l.site_code
       LEFT JOIN configured c ON c.site_code = l.site_code)
     SELECT f.site_code, c.capacity, c.is_configured, count(*) AS hours_over, max(f.mean) AS peak,
       strftime(min(f.hour_start), '%Y-%m-%dT%H:%M:%SZ') AS first_hour
     FROM forecast f JOIN capacity c ON c.site_code = f.site_code AND c.generated_at = f.generated_at
     WHERE f.measure = 'arrivals' AND c.capacity IS NOT NULL AND f.mean > c.capacity
     GROUP BY f.site_code, c.capacity, c.is_configured ORDER BY f.site_code`,
    [
      JSON.stringify(
        Object.entries(config.arrivalCapacityPerHour).map(([site_code, capacity]) => ({
          site_code,
          capacity,
        })),
      ),
    ],
  );
  return reader.getRowObjectsJS().map((row) => ({
    rule: 'forecast_over_capacity',
    episode_key: `forecast_over_capacity:${String(row.site_code)}`,
    org_code: String(row.site_code),
    indicator_id: 'ae_attendances',
    severity: 'warning',
    title: `Forecast arrivals at ${String(row.site_code)} exceed capacity from ${ukHour(String(row.first_hour))} (${Number(row.hours_over)} h over)`,
    evidence: {
      capacity: row.capacity,
      capacity_source: row.is_configured ? 'configured' : 'p95_of_last_8_weeks',
      hours_over: Number(row.hours_over),
      peak_mean: row.peak,
      first_hour: row.first_hour,
    },
  }));
}

const hourFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** '2026-12-07T11:00:00Z' → 'Mon 7 Dec, 11:00' (UK time). */
function ukHour(iso: string): string {
  return hourFormat.format(new Date(iso));
}
