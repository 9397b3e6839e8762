import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  chiSquareQuantile,
  exactPoissonInterval,
  normalUpperTail,
  poissonRateInterval,
  wilsonInterval,
  z95,
  z998,
} from '../../../../pipelines/indicators/statistics/index.js';

describe('normal quantiles', () => {
  it('z95 and z998 leave 2.5% and 0.1% in each tail', () => {
    expect(normalUpperTail(z95)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(z998)).toBeCloseTo(0.001, 14);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 14);
  });
});

describe('chiSquareQuantile(p, df)', () => {
  // Published χ² table values (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.4), 3 decimals.
  it.each([
    [0.95, 1, 3.841],
    [0.975, 10, 20.483],
    [0.025, 1, 0.000982],
    [0.99, 5, 15.086],
    [0.05, 20, 10.851],
    [0.995, 100, 140.169],
    [0.01, 2, 0.02],
  ])('χ²(%d, %d) = %d', (p, df, expected) => {
    expect(chiSquareQuantile(p, df)).toBeCloseTo(expected, expected < 0.01 ? 6 : 3);
  });
});

describe('wilsonInterval(x, n)', () => {
  // Newcombe RG (1998) Two-sided confidence intervals for the single proportion, Stat Med 17:857–872,
  // Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d gives %d to %d (Newcombe 1998)', (x, n, lower, upper) => {
    const result = wilsonInterval(x, n);
    expect(result.value).toBeCloseTo(x / n, 12);
    expect(result.lower).toBeCloseTo(lower, 4);
    expect(result.upper).toBeCloseTo(upper, 4);
  });

  it('follows the NHS-DATA.md formula at 99.8%', () => {
    const [x, n, z] = [37, 90, z998];
    const spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
    const result = wilsonInterval(x, n, { z });
    expect(result.lower).toBeCloseTo((2 * x + z * z - spread) / (2 * (n + z * z)), 12);
    expect(result.upper).toBeCloseTo((2 * x + z * z + spread) / (2 * (n + z * z)), 12);
  });

  it('gives 0 and 1 exactly at 0% and 100%', () => {
    expect(wilsonInterval(0, 50).lower).toBe(0);
    expect(wilsonInterval(50, 50)).toMatchObject({ value: 1, upper: 1 });
    expect(wilsonInterval(50, 50).lower).toBeCloseTo(0.9287, 4);
  });

  it('returns nulls when n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual({ value: null, lower: null, upper: null });
  });

  it('rejects x > n, negative and fractional counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(/x must not exceed n/);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });

  it('keeps 0 ≤ lower ≤ value ≤ upper ≤ 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const x = Math.round(f * n);
          const { value, lower, upper } = wilsonInterval(x, n);
          return 0 <= lower! && lower! <= value! && value! <= upper! && upper! <= 1;
        },
      ),
    );
  });
});

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

describe('byarInterval(x)', () => {
  it('follows the NHS-DATA.md formula', () => {
    const x = 47;
    const { lower, upper } = byarInterval(x);
    expect(lower).toBeCloseTo(x * (1 - 1 / (9 * x) - z95 / (3 * Math.sqrt(x))) ** 3, 12);
    expect(upper).toBeCloseTo(
      (x + 1) * (1 - 1 / (9 * (x + 1)) + z95 / (3 * Math.sqrt(x + 1))) ** 3,
      12,
    );
  });

  it('agrees with the exact limits within 0.5% from x = 10', () => {
    for (const x of [10, 11, 20, 50, 100, 1000, 10_000]) {
      const byar = byarInterval(x);
      const exact = exactPoissonInterval(x);
      expect(Math.abs(byar.lower / exact.lower - 1)).toBeLessThan(0.005);
      expect(Math.abs(byar.upper / exact.upper - 1)).toBeLessThan(0.005);
    }
  });
});

describe('poissonRateInterval(x, population)', () => {
  it('uses exact limits below 10 and Byar from 10, per 100,000 by default', () => {
    const nine = poissonRateInterval(9, 50_000);
    expect(nine.value).toBeCloseTo(18, 12);
    expect(nine.lower).toBeCloseTo((exactPoissonInterval(9).lower * 100_000) / 50_000, 10);
    const ten = poissonRateInterval(10, 50_000);
    expect(ten.upper).toBeCloseTo((byarInterval(10).upper * 100_000) / 50_000, 10);
  });

  it('takes a multiplier and a z', () => {
    const rate = poissonRateInterval(120, 2_000, { multiplier: 1_000, z: z998 });
    expect(rate.value).toBeCloseTo(60, 12);
    expect(rate.lower).toBeCloseTo((byarInterval(120, { z: z998 }).lower * 1000) / 2000, 10);
  });

  it('gives a zero count a zero lower limit and a positive upper one', () => {
    expect(poissonRateInterval(0, 1000)).toMatchObject({ value: 0, lower: 0 });
    expect(poissonRateInterval(0, 1000).upper).toBeCloseTo(368.9, 1);
  });

  it('returns nulls for population 0 and rejects a negative one', () => {
    expect(poissonRateInterval(0, 0)).toEqual({ value: null, lower: null, upper: null });
    expect(() => poissonRateInterval(3, -1)).toThrow(/population/);
  });

  it('keeps lower ≤ value ≤ upper', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 10_000_000 }), (x, population) => {
        const { value, lower, upper } = poissonRateInterval(x, population);
        return 0 <= lower! && lower! <= value! && value! <= upper!;
      }),
    );
  });
});
