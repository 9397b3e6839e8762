import type { ArrivalModel } from './fit-arrival-model.js';
import { londonHourOfWeek } from './london-hour-of-week.js';
import { negativeBinomialQuantile } from './negative-binomial-quantile.js';

const hourMs = 3_600_000;

/** One forecast hour: mean and 80% / 95% prediction intervals (UTC hour start). */
export interface ArrivalForecast {
  hour_start: Date;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/**
 * Forecasts `hours` hourly counts from the whole UTC hour `from` (usually model.fittedThrough).
 * The profile follows local time, so the clock changes move no peak.
 */
export function forecastArrivals(model: ArrivalModel, from: Date, hours = 72): ArrivalForecast[] {
  const start = from.getTime();
  if (Number.isNaN(start) || start % hourMs !== 0)
    throw new RangeError('from must be a whole UTC hour');
  if (!(Number.isInteger(hours) && hours >= 1))
    throw new RangeError(`hours must be ≥ 1, got ${hours}`);
  const result: ArrivalForecast[] = [];
  for (let h = 0; h < hours; h++) {
    const hourStart = new Date(start + h * hourMs);
    const weeksAhead =
      (hourStart.getTime() + hourMs / 2 - model.fittedThrough.getTime()) / hourMs / 168;
    const level = Math.max(0, model.level + model.levelPerWeek * weeksAhead);
    const mean = level * model.profile[londonHourOfWeek(hourStart)];
    const variance = mean * (1 + 1 / model.effectiveWeeks) + model.dispersion * mean * mean;
    result.push({
      hour_start: hourStart,
      mean,
      lower80: negativeBinomialQuantile(0.1, mean, variance),
      upper80: negativeBinomialQuantile(0.9, mean, variance),
      lower95: negativeBinomialQuantile(0.025, mean, variance),
      upper95: negativeBinomialQuantile(0.975, mean, variance),
    });
  }
  return result;
}
