import { inverseRegularisedGammaP } from '../statistics/index.js';

/**
 * Mid-distribution quantile of a count with mean `mean` and variance `variance` ≥ mean: negative
 * binomial when variance > mean, Poisson when equal. The discrete CDF is spread evenly over each
 * integer's unit interval (Y + U, U ~ Uniform(−½, ½)) so interval coverage is near nominal even for
 * small counts, where discrete quantiles over-cover.
 */
export function negativeBinomialQuantile(p: number, mean: number, variance: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`mean must be ≥ 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean > 500) {
    // Far from zero the count is near-continuous: a gamma with the same mean and variance.
    const v = Math.max(variance, mean);
    return inverseRegularisedGammaP((mean * mean) / v, p) * (v / mean);
  }
  const extra = Math.max(0, variance - mean);
  // size k: variance = μ + μ²/k; success probability q = k/(k + μ). Poisson when extra is ~0.
  const poisson = extra <= mean * 1e-9;
  const size = poisson ? Infinity : (mean * mean) / extra;
  let probability = poisson ? Math.exp(-mean) : Math.pow(size / (size + mean), size);
  let cumulative = 0;
  const limit = mean + 40 * Math.sqrt(Math.max(variance, mean)) + 50;
  for (let k = 0; k <= limit; k++) {
    if (cumulative + probability >= p) {
      const within = probability > 0 ? (p - cumulative) / probability : 0.5;
      return Math.max(0, k - 0.5 + within);
    }
    cumulative += probability;
    probability *= poisson ? mean / (k + 1) : ((k + size) / (k + 1)) * (mean / (size + mean));
  }
  return limit;
}
