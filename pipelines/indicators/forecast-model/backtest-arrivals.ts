import { fitArrivalModel, type ArrivalModelOptions } from './fit-arrival-model.js';
import { forecastArrivals } from './forecast-arrivals.js';

const hourMs = 3_600_000;

/** Options for backtestArrivals. */
export interface BacktestOptions extends ArrivalModelOptions {
  /** Weeks at the end of history to forecast over; default 8. */
  weeks?: number;
  /** Hours forecast from each origin; default 72. */
  horizon?: number;
  /** Hours between forecast origins; default 24. */
  step?: number;
  /** Weeks of history each fit looks back over (fitArrivalModel's `weeks`); default 12. */
  fitWeeks?: number;
}

/** Backtest figures for printing; MASE < 1 means the model beats the baseline. */
export interface BacktestResult {
  /** Σ|model error| / Σ|seasonal-naive error| over the same forecast hours. */
  mase: number;
  /** Share of actual counts within the 80% and 95% intervals. */
  coverage80: number;
  coverage95: number;
  /** Forecast hours scored. */
  points: number;
  baseline: 'seasonal_naive_168h';
}

/**
 * Rolling-origin backtest over the last `weeks` weeks: from an origin every `step` hours, fit on the
 * history before it and forecast `horizon` hours; each hour whose actual and same-hour-last-week
 * count are known is scored against the seasonal-naive forecast (same hour last week).
 */
export function backtestArrivals(
  history: ReadonlyArray<{ hour_start: Date; count: number }>,
  { weeks = 8, horizon = 72, step = 24, fitWeeks = 12, ...model }: BacktestOptions = {},
): BacktestResult {
  if (!(Number.isInteger(weeks) && weeks >= 1))
    throw new RangeError(`weeks must be ≥ 1, got ${weeks}`);
  if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= 168)) {
    throw new RangeError(`horizon must be 1 to 168 hours, got ${horizon}`);
  }
  if (!(Number.isInteger(step) && step >= 1)) throw new RangeError(`step must be ≥ 1, got ${step}`);
  const sorted = [...history].sort((a, b) => a.hour_start.getTime() - b.hour_start.getTime());
  const byHour = new Map(sorted.map((row) => [row.hour_start.getTime(), row.count]));
  const end = sorted[sorted.length - 1].hour_start.getTime() + hourMs;
  const firstOrigin = end - weeks * 168 * hourMs;
  if (firstOrigin - 168 * hourMs < sorted[0].hour_start.getTime()) {
    throw new RangeError(
      `backtest over ${weeks} weeks needs at least ${weeks + 1} weeks of history`,
    );
  }
  let modelError = 0;
  let naiveError = 0;
  let inside80 = 0;
  let inside95 = 0;
  let points = 0;
  let cut = 0;
  for (let origin = firstOrigin; origin < end; origin += step * hourMs) {
    while (cut < sorted.length && sorted[cut].hour_start.getTime() < origin) cut++;
    const fitted = fitArrivalModel(sorted.slice(0, cut), { ...model, weeks: fitWeeks });
    const hours = Math.min(horizon, (end - origin) / hourMs);
    for (const forecast of forecastArrivals(fitted, new Date(origin), hours)) {
      const time = forecast.hour_start.getTime();
      const actual = byHour.get(time);
      const lastWeek = byHour.get(time - 168 * hourMs);
      if (actual === undefined || lastWeek === undefined) continue;
      modelError += Math.abs(actual - forecast.mean);
      naiveError += Math.abs(actual - lastWeek);
      if (actual >= forecast.lower80 && actual <= forecast.upper80) inside80++;
      if (actual >= forecast.lower95 && actual <= forecast.upper95) inside95++;
      points++;
    }
  }
  return {
    mase: naiveError > 0 ? modelError / naiveError : NaN,
    coverage80: points > 0 ? inside80 / points : NaN,
    coverage95: points > 0 ? inside95 / points : NaN,
    points,
    baseline: 'seasonal_naive_168h',
  };
}
