import { describe, expect, it } from 'vitest';
import { normalUpperTail, z95, z998 } from '../../../../pipelines/indicators/statistics/index.js';

describe('normal quantiles', () => {
  it('z95 and z998 leave 2.5% and 0.1% in each tail', () => {
    expect(normalUpperTail(z95)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(z998)).toBeCloseTo(0.001, 14);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 14);
  });
});
