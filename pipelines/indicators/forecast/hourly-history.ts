import type { DuckDBConnection } from '@duckdb/node-api';
import { modelSql } from '../model-sql.js';

export type ForecastMeasure = 'arrivals' | 'admissions';

/** Zero-filled hourly counts per site and measure over the last `weeks` weeks of data. */
export async function hourlyHistory(
  connection: DuckDBConnection,
  weeks: number,
): Promise<Map<string, Record<ForecastMeasure, Array<{ hour_start: Date; count: number }>>>> {
  const reader = await connection.runAndReadAll(modelSql('hourly-arrivals.sql'), [weeks]);
  const columns = reader.getColumnsObjectJS();
  const bySite = new Map<
    string,
    Record<ForecastMeasure, Array<{ hour_start: Date; count: number }>>
  >();
  const sites = columns.site_code as string[];
  const hours = columns.hour_start as Date[];
  const arrivals = columns.arrivals as number[];
  const admissions = columns.admissions as number[];
  for (let i = 0; i < sites.length; i++) {
    let series = bySite.get(sites[i]);
    if (!series) {
      series = { arrivals: [], admissions: [] };
      bySite.set(sites[i], series);
    }
    series.arrivals.push({ hour_start: hours[i], count: Number(arrivals[i]) });
    series.admissions.push({ hour_start: hours[i], count: Number(admissions[i]) });
  }
  return bySite;
}
