import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  exactPoissonInterval,
  z95,
} from '../../../../pipelines/indicators/statistics/index.js';

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
