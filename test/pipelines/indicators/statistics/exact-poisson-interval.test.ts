import { describe, expect, it } from 'vitest';
import { exactPoissonInterval } from '../../../../pipelines/indicators/statistics/index.js';

describe('exactPoissonInterval(x)', () => {
  // Exact 95% limits for a Poisson count, as tabulated in e.g. Breslow & Day (1987) Statistical
  // Methods in Cancer Research vol. II, Appendix II, and the APHO technical briefing on confidence
  // intervals (2008): limits to 3 decimals.
  it.each([
    [0, 0, 3.689],
    [1, 0.0253, 5.572],
    [2, 0.242, 7.225],
    [3, 0.619, 8.767],
    [4, 1.09, 10.242],
    [5, 1.623, 11.668],
    [6, 2.202, 13.059],
    [7, 2.814, 14.423],
    [8, 3.454, 15.763],
    [9, 4.115, 17.085],
  ])('x = %d gives %d to %d', (x, lower, upper) => {
    const result = exactPoissonInterval(x);
    expect(result.lower).toBeCloseTo(lower, lower < 0.1 ? 4 : 3);
    expect(result.upper).toBeCloseTo(upper, 3);
  });

  it('puts α/2 in each Poisson tail (the definition, checked by summing the Poisson mass)', () => {
    const cdf = (k: number, mu: number) => {
      let p = Math.exp(-mu);
      let sum = p;
      for (let i = 1; i <= k; i++) {
        p *= mu / i;
        sum += p;
      }
      return sum;
    };
    for (const x of [1, 3, 9, 25, 60]) {
      const { lower, upper } = exactPoissonInterval(x);
      expect(1 - cdf(x - 1, lower)).toBeCloseTo(0.025, 10);
      expect(cdf(x, upper)).toBeCloseTo(0.025, 10);
    }
  });
});
