import { describe, expect, it } from 'vitest';
import { normalUpperTail, z95, z998 } from '../../../../pipelines/indicators/statistics/index.js';

describe('normal quantiles', () => {
  it('are the published Φ⁻¹(0.975) and Φ⁻¹(0.999) (R qnorm, 16 significant figures)', () => {
    expect(z95).toBe(1.959963984540054);
    expect(z998).toBe(3.090232306167813);
  });

  it('normalUpperTail gives the published upper-tail areas 1 − Φ(z)', () => {
    // R pnorm(z, lower.tail = FALSE)
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 15);
    expect(normalUpperTail(1)).toBeCloseTo(0.158655253931457, 14);
    expect(normalUpperTail(1.96)).toBeCloseTo(0.0249978951482204, 14);
    expect(normalUpperTail(2)).toBeCloseTo(0.0227501319481792, 14);
    expect(normalUpperTail(3)).toBeCloseTo(0.00134989803163009, 15);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalUpperTail(3.090232306167813)).toBeCloseTo(0.001, 14);
    // Below zero: pnorm(-1, lower.tail = FALSE) and pnorm(-2.5, lower.tail = FALSE)
    expect(normalUpperTail(-1)).toBeCloseTo(0.841344746068543, 14);
    expect(normalUpperTail(-2.5)).toBeCloseTo(0.993790334674224, 14);
  });
});
