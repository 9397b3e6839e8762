import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slopeIndexOfInequality } from '../../../../pipelines/indicators/statistics/index.js';

const linearQuintiles = [10, 8, 6, 4, 2].map((value) => ({
  value,
  standardError: 1,
  populationShare: 1,
}));

describe('slopeIndexOfInequality(groups)', () => {
  it('gives SII = slope on the rank midpoints and RII = (β₀ + β₁)/β₀', () => {
    // Midpoints 0.1 … 0.9, values 10 … 2: β₁ = −10, β₀ = 11, so RII = 1/11.
    const result = slopeIndexOfInequality(linearQuintiles);
    expect(result.sii).toBeCloseTo(-10, 12);
    expect(result.rii).toBeCloseTo(1 / 11, 12);
  });

  it('weights the fit by population share', () => {
    // Unequal shares: ranks 0.1, 0.35, 0.75 for shares 0.2, 0.3, 0.5; a line through the points
    // is recovered whatever the weights, a bend is pulled toward the heavy group.
    const exact = slopeIndexOfInequality([
      { value: 1 + 2 * 0.1, standardError: 0, populationShare: 20 },
      { value: 1 + 2 * 0.35, standardError: 0, populationShare: 30 },
      { value: 1 + 2 * 0.75, standardError: 0, populationShare: 50 },
    ]);
    expect(exact.sii).toBeCloseTo(2, 12);
    expect(exact.rii).toBeCloseTo(3, 12);
    expect(exact.siiLower).toBeCloseTo(2, 12);
    expect(exact.siiUpper).toBeCloseTo(2, 12);
  });

  it('has Monte Carlo limits matching the analytic WLS standard error', () => {
    // Equal shares and se = 1: sd(β₁) = √(Σ(aᵢ(bᵢ − b̄))²)/Σaᵢ(bᵢ − b̄)² = √0.016/0.08 ≈ 1.581.
    const result = slopeIndexOfInequality(linearQuintiles, { samples: 4000, seed: 11 });
    const half = 1.959963984540054 * (Math.sqrt(0.016) / 0.08);
    expect(result.siiLower).toBeCloseTo(-10 - half, 0);
    expect(result.siiUpper).toBeCloseTo(-10 + half, 0);
    expect(Math.abs(result.siiLower + 10 + half)).toBeLessThan(0.25);
    expect(Math.abs(result.siiUpper + 10 - half)).toBeLessThan(0.25);
  });

  it('repeats with the same seed and moves with another', () => {
    const a = slopeIndexOfInequality(linearQuintiles, { seed: 5 });
    const b = slopeIndexOfInequality(linearQuintiles, { seed: 5 });
    const c = slopeIndexOfInequality(linearQuintiles, { seed: 6 });
    expect(a).toEqual(b);
    expect(c.siiLower).not.toBe(a.siiLower);
  });

  it('back-transforms the fitted ends on the log and logit scales', () => {
    // Rates exactly exponential in rank: log-linear fit is exact, RII = exp(β₁).
    const rates = [0.1, 0.3, 0.5, 0.7, 0.9].map((b) => ({
      value: 200 * Math.exp(-b),
      standardError: 5,
      populationShare: 1,
    }));
    const log = slopeIndexOfInequality(rates, { scale: 'log' });
    expect(log.rii).toBeCloseTo(Math.exp(-1), 10);
    expect(log.sii).toBeCloseTo(200 * Math.exp(-1) - 200, 9);
    const logistic = (v: number) => 1 / (1 + Math.exp(-v));
    const shares = [0.1, 0.3, 0.5, 0.7, 0.9].map((b) => ({
      value: logistic(-1 + 2 * b),
      standardError: 0.01,
      populationShare: 1,
    }));
    const logit = slopeIndexOfInequality(shares, { scale: 'logit' });
    expect(logit.sii).toBeCloseTo(logistic(1) - logistic(-1), 10);
    expect(() =>
      slopeIndexOfInequality(
        shares.map((s) => ({ ...s, value: 1 })),
        { scale: 'logit' },
      ),
    ).toThrow(/outside the logit scale/);
  });

  it('gives SII 0 and RII 1 when every group has the same value', () => {
    const flat = [7, 7, 7, 7, 7].map((value, i) => ({
      value,
      standardError: 0,
      populationShare: 1 + i,
    }));
    for (const scale of ['linear', 'log'] as const) {
      const result = slopeIndexOfInequality(flat, { scale });
      expect(result.sii).toBeCloseTo(0, 12);
      expect(result.rii).toBeCloseTo(1, 12);
      expect([result.siiLower, result.siiUpper]).toEqual([result.sii, result.sii]);
    }
    const noisy = slopeIndexOfInequality(
      flat.map((g) => ({ ...g, standardError: 1 })),
      { samples: 2000, seed: 3 },
    );
    expect(noisy.sii).toBeCloseTo(0, 12);
    expect(noisy.siiLower).toBeLessThan(0);
    expect(noisy.siiUpper).toBeGreaterThan(0);
    expect(noisy.riiLower).toBeLessThan(1);
    expect(noisy.riiUpper).toBeGreaterThan(1);
  });

  it('refuses a zero value on the log scale and 0 or 1 on the logit scale, naming the group', () => {
    const rates = [40, 30, 0, 20, 10].map((value) => ({
      value,
      standardError: 1,
      populationShare: 1,
    }));
    expect(() => slopeIndexOfInequality(rates, { scale: 'log' })).toThrow(
      /groups\[2\]\.value 0 is outside the log scale/,
    );
    expect(slopeIndexOfInequality(rates).sii).toBeLessThan(0);
    const shares = [0.4, 0.3, 0.2, 0.1, 0].map((value) => ({
      value,
      standardError: 0.01,
      populationShare: 1,
    }));
    expect(() => slopeIndexOfInequality(shares, { scale: 'logit' })).toThrow(
      /groups\[4\]\.value 0 is outside the logit scale/,
    );
  });

  it('rejects one group and a zero population', () => {
    expect(() => slopeIndexOfInequality(linearQuintiles.slice(0, 1))).toThrow(/two groups/);
    expect(() =>
      slopeIndexOfInequality([
        ...linearQuintiles.slice(1),
        { value: 1, standardError: 1, populationShare: 0 },
      ]),
    ).toThrow(/populationShare/);
  });

  it('keeps siiLower ≤ sii ≤ siiUpper for well-determined slopes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (values, shares) => {
          const groups = values.map((value, i) => ({
            value,
            standardError: 0.5,
            populationShare: shares[i],
          }));
          const { sii, siiLower, siiUpper } = slopeIndexOfInequality(groups, { samples: 400 });
          return siiLower <= sii && sii <= siiUpper;
        },
      ),
      { numRuns: 50 },
    );
  });
});
