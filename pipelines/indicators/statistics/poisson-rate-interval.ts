import { byarInterval } from './byar-interval.js';
import { exactPoissonInterval } from './exact-poisson-interval.js';
import { checkCount, type Estimate } from './interval-options.js';
import { z95 } from './normal-quantiles.js';

/** Options for poissonRateInterval. */
export interface PoissonRateOptions {
  /** Rate per this many population; default 100,000. */
  multiplier?: number;
  /** Two-sided standard normal quantile; default z95. */
  z?: number;
}

/**
 * A crude rate x / population × multiplier with its interval: exact Poisson below x = 10,
 * Byar's from 10 (docs/nhs-data.md, Statistics). Population 0 gives nulls (no rate exists).
 */
export function poissonRateInterval(
  x: number,
  population: number,
  { multiplier = 100_000, z = z95 }: PoissonRateOptions = {},
): Estimate {
  checkCount(x);
  if (!Number.isFinite(population) || population < 0) {
    throw new RangeError(`population must be a number ≥ 0, got ${population}`);
  }
  if (population === 0) return { value: null, lower: null, upper: null };
  const limits = x < 10 ? exactPoissonInterval(x, { z }) : byarInterval(x, { z });
  const scale = multiplier / population;
  return { value: x * scale, lower: limits.lower * scale, upper: limits.upper * scale };
}
