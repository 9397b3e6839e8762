import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval, z998 } from '../../../../pipelines/indicators/statistics/index.js';

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

  it('follows the docs/nhs-data.md formula at 99.8%', () => {
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
