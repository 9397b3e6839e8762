import { describe, expect, it } from 'vitest';
import { chiSquareQuantile } from '../../../../pipelines/indicators/statistics/index.js';

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
