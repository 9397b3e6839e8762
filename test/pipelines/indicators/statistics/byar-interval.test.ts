import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  exactPoissonInterval,
  z998,
} from '../../../../pipelines/indicators/statistics/index.js';

// PHEindicatormethods byars_lower / byars_upper (testByars.R: x = 65, 1045, 1 at 95% and
// x = 65, 1045, 10 at 99.8%), to 10 significant figures.
const published: Array<[x: number, z: 'z95' | 'z998', lower: number, upper: number]> = [
  [65, 'z95', 50.16318771, 82.84913855],
  [1045, 'z95', 982.5932018, 1110.331213],
  [1, 'z95', 0.0130721329, 5.563755582],
  [65, 'z998', 42.88026147, 94.00029084],
  [1045, 'z998', 947.9407036, 1148.806161],
  [10, 'z998', 2.916318375, 24.19372493],
];

const significant = (value: number, expected: number) =>
  expect(Math.abs(value / expected - 1)).toBeLessThan(5e-10);

describe('byarInterval(x)', () => {
  it.each(published)('x = %d at %s gives PHEindicatormethods’ limits', (x, level, lower, upper) => {
    const result = byarInterval(x, level === 'z998' ? { z: z998 } : {});
    significant(result.lower, lower);
    significant(result.upper, upper);
  });

  it('gives 0 to 3.668 for x = 0 (the upper limit is Byar’s at x + 1 = 1)', () => {
    const { lower, upper } = byarInterval(0);
    expect(lower).toBe(0);
    significant(upper, 3.668011832);
  });

  it('never gives a negative lower limit (PHEindicatormethods returns NA there)', () => {
    // byars_lower(1, 99.8) is −0.0028: not a count.
    expect(byarInterval(1, { z: z998 }).lower).toBe(0);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => byarInterval(-1)).toThrow();
    expect(() => byarInterval(2.5)).toThrow();
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
