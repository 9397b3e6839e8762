import { z95 } from './normal-quantiles.js';
import { normalUpperTail } from './regularised-gamma.js';
import { seededNormal } from './seeded-random.js';

/** One deprivation quantile for slopeIndexOfInequality. */
export interface InequalityGroup {
  /** The indicator value in the quantile (a proportion in (0, 1) for the logit scale, > 0 for log). */
  value: number;
  /** Its standard error on the value's own scale. */
  standardError: number;
  /** The quantile's population (or share of it); normalised to shares aᵢ. */
  populationShare: number;
}

/** Options for slopeIndexOfInequality. */
export interface InequalityOptions {
  /** Monte Carlo samples for the intervals; default 1000. */
  samples?: number;
  /** PRNG seed; the same seed gives the same intervals. Default 1. */
  seed?: number;
  /** Scale of the regression: linear (default), log (rates) or logit (proportions). */
  scale?: 'linear' | 'log' | 'logit';
  /** Two-sided standard normal quantile for the intervals; default z95. */
  z?: number;
}

/** SII and RII with Monte Carlo intervals. */
export interface InequalityIndices {
  sii: number;
  siiLower: number;
  siiUpper: number;
  rii: number;
  riiLower: number;
  riiUpper: number;
}

/**
 * Slope and relative index of inequality (docs/nhs-data.md, Inequality): groups ordered most → least
 * deprived, population shares aᵢ, cumulative rank midpoints bᵢ, weighted least squares of the value
 * on bᵢ with weights aᵢ; SII = β₁ (least minus most deprived), RII = (β₀ + β₁)/β₀.
 * On the log or logit scale the regression runs on transformed values (standard errors by the delta
 * method) and SII/RII are taken from the back-transformed fitted ends: f⁻¹(β₀ + β₁) − f⁻¹(β₀) and
 * f⁻¹(β₀ + β₁)/f⁻¹(β₀). Intervals: each group resampled from Normal(value, se) on the regression
 * scale with a seeded PRNG, refitted, and the α/2 and 1 − α/2 quantiles taken (R type 7).
 */
export function slopeIndexOfInequality(
  groups: ReadonlyArray<InequalityGroup>,
  { samples = 1000, seed = 1, scale = 'linear', z = z95 }: InequalityOptions = {},
): InequalityIndices {
  if (groups.length < 2) throw new RangeError('slopeIndexOfInequality needs at least two groups');
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a whole number ≥ 1, got ${samples}`);
  }
  const transform = transforms[scale];
  if (!transform) throw new RangeError(`scale must be linear, log or logit, got ${String(scale)}`);
  const total = groups.reduce((sum, group) => sum + group.populationShare, 0);
  const shares: number[] = [];
  const ranks: number[] = [];
  const values: number[] = [];
  const errors: number[] = [];
  let cumulative = 0;
  for (const [i, group] of groups.entries()) {
    if (!(group.populationShare > 0)) {
      throw new RangeError(
        `groups[${i}].populationShare must be > 0, got ${group.populationShare}`,
      );
    }
    if (!(group.standardError >= 0)) {
      throw new RangeError(`groups[${i}].standardError must be ≥ 0, got ${group.standardError}`);
    }
    if (!transform.accepts(group.value)) {
      throw new RangeError(`groups[${i}].value ${group.value} is outside the ${scale} scale`);
    }
    const share = group.populationShare / total;
    shares.push(share);
    ranks.push(cumulative + share / 2);
    cumulative += share;
    values.push(transform.forward(group.value));
    errors.push(transform.standardError(group.value, group.standardError));
  }
  const indices = (ys: number[]): [number, number] => {
    const [b0, b1] = weightedLeastSquares(ranks, ys, shares);
    const most = transform.inverse(b0);
    const least = transform.inverse(b0 + b1);
    return [least - most, least / most];
  };
  const [sii, rii] = indices(values);
  const normal = seededNormal(seed);
  const siiSamples = new Float64Array(samples);
  const riiSamples = new Float64Array(samples);
  const drawn = new Array<number>(values.length);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < values.length; i++) drawn[i] = values[i] + errors[i] * normal();
    [siiSamples[s], riiSamples[s]] = indices(drawn);
  }
  siiSamples.sort();
  riiSamples.sort();
  const tail = normalUpperTail(z);
  return {
    sii,
    siiLower: quantile(siiSamples, tail),
    siiUpper: quantile(siiSamples, 1 - tail),
    rii,
    riiLower: quantile(riiSamples, tail),
    riiUpper: quantile(riiSamples, 1 - tail),
  };
}

interface Transform {
  accepts(value: number): boolean;
  forward(value: number): number;
  inverse(value: number): number;
  standardError(value: number, se: number): number;
}

const transforms: Record<string, Transform> = {
  linear: {
    accepts: Number.isFinite,
    forward: (v) => v,
    inverse: (v) => v,
    standardError: (_v, se) => se,
  },
  log: {
    accepts: (v) => v > 0 && Number.isFinite(v),
    forward: Math.log,
    inverse: Math.exp,
    standardError: (v, se) => se / v,
  },
  logit: {
    accepts: (v) => v > 0 && v < 1,
    forward: (v) => Math.log(v / (1 - v)),
    inverse: (v) => 1 / (1 + Math.exp(-v)),
    standardError: (v, se) => se / (v * (1 - v)),
  },
};

function weightedLeastSquares(x: number[], y: number[], w: number[]): [number, number] {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    sx += w[i] * x[i];
    sy += w[i] * y[i];
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += w[i] * (x[i] - mx) * (x[i] - mx);
    sxy += w[i] * (x[i] - mx) * (y[i] - my);
  }
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
