import { londonHourOfWeek } from '../indicators/index.js';

/** Fewer discharges than this (a site's, else its trust's, else its ICS's) fit no weekday pattern. */
export const minimumWeekdayDischarges = 70;

/** The Europe/London day of the week of an instant, Monday 0 … Sunday 6. */
function londonWeekday(t: number): number {
  return Math.floor(londonHourOfWeek(new Date(t)) / 24);
}

/** Days of each Europe/London day of the week (Monday first) between `from` and `to`, by the hour. */
export function weekdayExposure(from: Date, to: Date): number[] {
  const days = [0, 0, 0, 0, 0, 0, 0];
  for (let t = from.getTime(); t < to.getTime(); t += 3_600_000) {
    const hours = Math.min(1, (to.getTime() - t) / 3_600_000);
    days[londonWeekday(t)] += hours / 24;
  }
  return days;
}

/**
 * The daily discharge rate of each day of the week (Monday first) relative to the week's mean
 * (mean 1): discharges on that local weekday per day of it in the window. Flat (all 1) when
 * fewer than `minimumWeekdayDischarges` or a weekday missing from the window.
 */
export function dischargeWeekdayRates(
  counts: readonly number[],
  exposure: readonly number[],
): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < minimumWeekdayDischarges || exposure.some((d) => !(d > 0)))
    return [1, 1, 1, 1, 1, 1, 1];
  const perDay = counts.map((c, w) => c / exposure[w]);
  const mean = perDay.reduce((a, b) => a + b, 0) / 7;
  return perDay.map((r) => r / mean);
}

/**
 * Of the patients due to leave on a day of the week (Monday first), planned for that day or put
 * off from the day before, the share who go that day, so that discharges due as many every day
 * follow `rates` (mean 1): rates[d] / (1 + carry[d]), where carry[d + 1] = carry[d] + 1 − rates[d]
 * is how many (in days' worth of discharges) wait from the day before, the least carry 0. The day
 * before that one puts none off (share 1).
 */
export function dischargeGoShares(rates: readonly number[]): number[] {
  const carry = [0];
  for (let d = 0; d < 6; d++) carry.push(carry[d] + 1 - rates[d]);
  const least = Math.min(...carry);
  const shares = rates.map((r, d) => Math.max(0, Math.min(1, r / (1 + carry[d] - least))));
  // the day before the least carry takes everyone due (1 up to rounding)
  const last = (carry.indexOf(least) + 6) % 7;
  shares[last] = 1;
  return shares;
}
