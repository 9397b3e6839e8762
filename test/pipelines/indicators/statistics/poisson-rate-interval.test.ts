import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  byarInterval,
  exactPoissonInterval,
  poissonRateInterval,
  z998,
} from '../../../../pipelines/indicators/statistics/index.js';

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
