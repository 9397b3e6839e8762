import { checkCount, checkZ, type Estimate, type IntervalOptions } from './interval-options.js';
import { z95 } from './normal-quantiles.js';

/**
 * Wilson score interval for the proportion x/n (docs/nhs-data.md, Statistics):
 * (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
 * `value` is x/n. With n = 0 there is no proportion: value, lower and upper are all null.
 * Throws a RangeError unless 0 ≤ x ≤ n are whole numbers.
 */
export function wilsonInterval(x: number, n: number, { z = z95 }: IntervalOptions = {}): Estimate {
  checkCount(x, 'x');
  checkCount(n, 'n');
  checkZ(z);
  if (x > n) throw new RangeError(`x must not exceed n, got x = ${x}, n = ${n}`);
  if (n === 0) return { value: null, lower: null, upper: null };
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  const value = x / n;
  // The formula gives exactly 0 and 1 at the extremes only up to rounding: clamp so lower ≤ value ≤ upper.
  const lower = x === 0 ? 0 : Math.min(value, (2 * x + z2 - spread) / denominator);
  const upper = x === n ? 1 : Math.max(value, (2 * x + z2 + spread) / denominator);
  return { value, lower, upper };
}
