import {
  checkCount,
  checkZ,
  type CountInterval,
  type IntervalOptions,
} from './interval-options.js';
import { z95 } from './normal-quantiles.js';

/**
 * Byar's approximation to the exact Poisson interval for a count x (docs/nhs-data.md, Statistics):
 * lower x(1 − 1/(9x) − z/(3√x))³, upper (x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³.
 * Meant for x ≥ 10; the lower limit of x = 0 is 0.
 */
export function byarInterval(x: number, { z = z95 }: IntervalOptions = {}): CountInterval {
  checkCount(x);
  checkZ(z);
  const lower = x === 0 ? 0 : x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3);
  const y = x + 1;
  const upper = y * Math.pow(1 - 1 / (9 * y) + z / (3 * Math.sqrt(y)), 3);
  return { lower: Math.max(0, lower), upper };
}
