import type { DuckDBConnection } from '@duckdb/node-api';
import { backtestArrivals } from '../forecast-model/index.js';
import { hourlyHistory, type ForecastMeasure } from './hourly-history.js';

export interface ForecastBacktestRow {
  site_code: string;
  measure: ForecastMeasure;
  /** Model absolute error ÷ seasonal-naive (same hour last week) absolute error. */
  mase: number;
  coverage80: number;
  coverage95: number;
  points: number;
}

/**
 * Rolling-origin backtest of the forecasts over the last `weeks` weeks for every site with
 * enough history (weeks + 1), printed as a table through `print` and returned.
 */
export async function backtestForecasts(
  connection: DuckDBConnection,
  {
    weeks = 8,
    fitWeeks = 12,
    print = (rows: ForecastBacktestRow[]) => console.table(rows),
  }: { weeks?: number; fitWeeks?: number; print?: (rows: ForecastBacktestRow[]) => void } = {},
): Promise<ForecastBacktestRow[]> {
  const history = await hourlyHistory(connection, weeks + fitWeeks + 1);
  const rows: ForecastBacktestRow[] = [];
  for (const [site, series] of history) {
    if (series.arrivals.length < (weeks + 1) * 168) continue;
    for (const measure of ['arrivals', 'admissions'] as const) {
      const result = backtestArrivals(series[measure], { weeks, fitWeeks });
      rows.push({
        site_code: site,
        measure,
        mase: round(result.mase),
        coverage80: round(result.coverage80),
        coverage95: round(result.coverage95),
        points: result.points,
      });
    }
  }
  print(rows);
  return rows;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
