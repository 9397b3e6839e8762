import { describe, expect, it } from 'vitest';
import { negativeBinomialQuantile } from '../../../../pipelines/indicators/forecast-model/index.js';

describe('negativeBinomialQuantile(p, mean, variance)', () => {
  it('puts the Poisson median of mean 10 near 10 and widens with overdispersion', () => {
    expect(negativeBinomialQuantile(0.5, 10, 10)).toBeCloseTo(9.5 + (0.5 - 0.4579297) / 0.12511, 4);
    const poisson =
      negativeBinomialQuantile(0.975, 10, 10) - negativeBinomialQuantile(0.025, 10, 10);
    const wide = negativeBinomialQuantile(0.975, 10, 30) - negativeBinomialQuantile(0.025, 10, 30);
    expect(wide).toBeGreaterThan(poisson);
  });

  it('covers p of the probability mass over simulated counts', () => {
    // Mid-distribution quantiles: P(Y < q(p)) + ½·P at the boundary integer ≈ p.
    for (const mean of [0.5, 3, 12, 40]) {
      const q = negativeBinomialQuantile(0.9, mean, mean);
      let below = 0;
      let p = Math.exp(-mean);
      for (let k = 0; k < 200; k++) {
        below += k + 0.5 <= q ? p : k - 0.5 < q ? p * (q - (k - 0.5)) : 0;
        p *= mean / (k + 1);
      }
      expect(below).toBeCloseTo(0.9, 6);
    }
  });

  it('is monotone in p and zero for a zero mean; large means use the gamma form', () => {
    expect(negativeBinomialQuantile(0.9, 0, 0)).toBe(0);
    const large = [0.025, 0.5, 0.975].map((p) => negativeBinomialQuantile(p, 2000, 2000));
    expect(large[0]).toBeLessThan(large[1]);
    expect(large[2] - large[0]).toBeCloseTo(2 * 1.96 * Math.sqrt(2000), -1);
  });
});
