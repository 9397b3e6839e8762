import {
  checkCount,
  checkZ,
  type CountInterval,
  type IntervalOptions,
} from './interval-options.js';
import { z95 } from './normal-quantiles.js';
import { inverseRegularisedGammaP, normalUpperTail } from './regularised-gamma.js';

/**
 * Exact (Garwood) Poisson interval for a count x: lower χ²(α/2, 2x)/2, upper χ²(1 − α/2, 2x + 2)/2
 * (docs/nhs-data.md, Statistics), with α/2 = 1 − Φ(z). The lower limit of x = 0 is 0.
 */
export function exactPoissonInterval(x: number, { z = z95 }: IntervalOptions = {}): CountInterval {
  checkCount(x);
  checkZ(z);
  const tail = normalUpperTail(z);
  // χ²(p, 2k)/2 is the p-quantile of Gamma(k, 1).
  const lower = x === 0 ? 0 : inverseRegularisedGammaP(x, tail);
  const upper = inverseRegularisedGammaP(x + 1, 1 - tail);
  return { lower, upper };
}
