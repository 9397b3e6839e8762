import { describe, expect, it } from 'vitest';
import {
  inverseRegularisedGammaP,
  logGamma,
  regularisedGammaP,
  regularisedGammaQ,
} from '../../../../pipelines/indicators/statistics/index.js';

/** |actual − expected| within `relative` × |expected|. */
function closeRelative(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('logGamma(a)', () => {
  // ln Γ from closed forms: Γ(1) = Γ(2) = 1, Γ(1/2) = √π, Γ(5/2) = 3√π/4, Γ(10) = 9!;
  // and published values of ln Γ(0.1), ln Γ(0.3), ln Γ(0.001) and ln Γ(100) (Abramowitz & Stegun 6.1).
  it.each([
    [1, 0],
    [2, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [2.5, Math.log((3 * Math.sqrt(Math.PI)) / 4)],
    [10, Math.log(362880)],
    [0.1, 2.2527126517342055],
    [0.3, 1.0957979948180752],
    [0.001, 6.907178885383854],
    [100, 359.1342053695754],
  ])('ln Γ(%d) = %d', (a, expected) => {
    if (expected === 0) expect(Math.abs(logGamma(a))).toBeLessThan(1e-14);
    else closeRelative(logGamma(a), expected, 1e-13);
  });
});

describe('regularisedGammaP(a, x) and regularisedGammaQ(a, x)', () => {
  // Closed forms: P(1, x) = 1 − e^−x; P(1/2, x) = erf(√x); for a whole number n,
  // Q(n, x) = Σ_{k<n} e^−x x^k / k! (the Poisson distribution function). Values to 1e-13.
  it.each([
    [1, 0.5, 1 - Math.exp(-0.5)],
    [1, 7, 1 - Math.exp(-7)],
    [0.5, 0.1, 0.34527915398142295],
    [0.5, 1, 0.8427007929497149],
    [0.5, 4, 0.9953222650189527],
    [0.5, 20, 0.9999999997460371],
  ])('P(%d, %d) = %d', (a, x, expected) => {
    closeRelative(regularisedGammaP(a, x), expected, 1e-13);
    expect(Math.abs(regularisedGammaQ(a, x) - (1 - expected))).toBeLessThan(1e-15);
  });

  it.each([
    // x below a + 1 (the series) and above it (the continued fraction), small and large a
    [3, 2, 0.6766764161830635],
    [3, 10, 0.0027693957155115762],
    [10, 3, 0.9988975118698846],
    [10, 15, 0.06985366069940976],
    [50, 40, 0.9296649333406051],
    [50, 70, 0.005140502458505895],
  ])('Q(%d, %d) = %d', (a, x, expected) => {
    closeRelative(regularisedGammaQ(a, x), expected, 1e-12);
    closeRelative(regularisedGammaP(a, x), 1 - expected, 1e-12);
  });

  it('is 0 and 1 at the ends, and refuses what is not defined', () => {
    expect(regularisedGammaP(2, 0)).toBe(0);
    expect(regularisedGammaQ(2, 0)).toBe(1);
    expect(regularisedGammaP(2, Infinity)).toBe(1);
    expect(regularisedGammaQ(2, Infinity)).toBe(0);
    for (const [a, x] of [
      [0, 1],
      [-1, 1],
      [1, -0.5],
      [1, Number.NaN],
      [Number.NaN, 1],
    ] as const) {
      expect(() => regularisedGammaP(a, x)).toThrow(RangeError);
      expect(() => regularisedGammaQ(a, x)).toThrow(RangeError);
    }
  });
});

describe('inverseRegularisedGammaP(a, p)', () => {
  it('inverts P to 1e-12 for shapes below and above 1 and probabilities near both ends', () => {
    for (const a of [0.05, 0.5, 0.999, 1, 1.5, 3, 10, 50, 500])
      for (const p of [1e-10, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999, 1 - 1e-10]) {
        const x = inverseRegularisedGammaP(a, p);
        expect(x, `a=${a} p=${p}`).toBeGreaterThan(0);
        closeRelative(regularisedGammaP(a, x), p, 1e-10);
      }
  });

  it('gives the closed forms: for a = 1, x = −ln(1 − p)', () => {
    for (const p of [0.01, 0.5, 0.9])
      closeRelative(inverseRegularisedGammaP(1, p), -Math.log(1 - p), 1e-12);
  });

  it('is 0 at p = 0 and infinite at p = 1, and refuses what is not defined', () => {
    expect(inverseRegularisedGammaP(3, 0)).toBe(0);
    expect(inverseRegularisedGammaP(3, 1)).toBe(Infinity);
    expect(() => inverseRegularisedGammaP(0, 0.5)).toThrow(RangeError);
    expect(() => inverseRegularisedGammaP(-2, 0.5)).toThrow(RangeError);
    expect(() => inverseRegularisedGammaP(2, -0.1)).toThrow(RangeError);
    expect(() => inverseRegularisedGammaP(2, 1.1)).toThrow(RangeError);
    expect(() => inverseRegularisedGammaP(2, Number.NaN)).toThrow(RangeError);
  });
});
