import type { DuckDBConnection } from '@duckdb/node-api';
import { fitArrivalModel, forecastArrivals } from '../forecast-model/index.js';
import type { RefreshEffects } from '../refresh-effects.js';
import { hourlyHistory, type ForecastMeasure } from './hourly-history.js';

const measures: ForecastMeasure[] = ['arrivals', 'admissions'];

/**
 * Fits the arrival model (forecast-model) per site on its hourly arrivals and admissions and
 * writes the next `hours` hours into forecast, generated_at = the start of the hour after the
 * history (the data clock), replacing a forecast made at the same clock. Sites with less than
 * a week of history are skipped. Forecasts generated more than `keepDays` before are pruned.
 */
export async function refreshForecasts(
  connection: DuckDBConnection,
  effects: RefreshEffects,
  {
    weeks = 12,
    hours = 72,
    keepDays = 14,
  }: { weeks?: number; hours?: number; keepDays?: number } = {},
): Promise<{ sites: string[]; rows: number }> {
  const history = await hourlyHistory(connection, weeks);
  const sites: string[] = [];
  let rows = 0;
  for (const [site, series] of history) {
    if (series.arrivals.length < 168) {
      effects.log.warn('forecast skipped: less than a week of history', {
        site,
        hours: series.arrivals.length,
      });
      continue;
    }
    for (const measure of measures) {
      const model = fitArrivalModel(series[measure], { weeks });
      const forecast = forecastArrivals(model, model.fittedThrough, hours);
      const generatedAt = sqlTime(model.fittedThrough);
      await connection.run(
        `DELETE FROM forecast WHERE site_code = $1 AND measure = $2 AND generated_at = $3::TIMESTAMP`,
        [site, measure, generatedAt],
      );
      await connection.run(
        `INSERT INTO forecast
         SELECT $1, $2, $3::TIMESTAMP, CAST(f.hour_start AS TIMESTAMP), f.mean, f.lower80, f.upper80, f.lower95, f.upper95
         FROM (SELECT unnest(from_json($4, '[{"hour_start":"VARCHAR","mean":"DOUBLE","lower80":"DOUBLE","upper80":"DOUBLE","lower95":"DOUBLE","upper95":"DOUBLE"}]'), recursive := true)) f`,
        [
          site,
          measure,
          generatedAt,
          JSON.stringify(
            forecast.map((hour) => ({ ...hour, hour_start: sqlTime(hour.hour_start) })),
          ),
        ],
      );
      rows += forecast.length;
    }
    await connection.run(
      `DELETE FROM forecast WHERE site_code = $1 AND generated_at < $2::TIMESTAMP - to_days(CAST($3 AS INTEGER))`,
      [site, sqlTime(series.arrivals[series.arrivals.length - 1].hour_start), keepDays],
    );
    sites.push(site);
  }
  effects.log.info('forecasts refreshed', { sites: sites.length, rows });
  return { sites, rows };
}

function sqlTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}
