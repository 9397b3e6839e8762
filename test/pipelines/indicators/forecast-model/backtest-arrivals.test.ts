import { describe, expect, it } from 'vitest';
import { backtestArrivals } from '../../../../pipelines/indicators/forecast-model/index.js';
import { simulatedArrivals } from './simulated-arrivals.js';

// 17 weeks from Monday 6 January 2025: the backtest weeks span the spring clock change (30 March).
const spring = simulatedArrivals(new Date(Date.UTC(2025, 0, 6)), 17 * 168, { base: 12, seed: 3 });
// 17 weeks from 4 August 2025: the backtest weeks span the autumn clock change (26 October).
const autumn = simulatedArrivals(new Date(Date.UTC(2025, 7, 4)), 17 * 168, { base: 6, seed: 4 });
// Overdispersed counts (negative binomial, variance μ + 0.1μ²), as real arrivals tend to be.
const overdispersed = simulatedArrivals(new Date(Date.UTC(2025, 7, 4)), 17 * 168, {
  base: 12,
  seed: 5,
  dispersion: 0.1,
});

describe('backtestArrivals(history, { weeks })', () => {
  it.each([
    ['spring clock change, 12 an hour', spring],
    ['autumn clock change, 6 an hour', autumn],
    ['overdispersed, φ = 0.1', overdispersed],
  ])('beats seasonal naive with near-nominal coverage (%s)', (_, history) => {
    const result = backtestArrivals(history, { weeks: 8 });
    expect(result.baseline).toBe('seasonal_naive_168h');
    // 8 weeks of daily origins, 72 hours each, the last origins cut short at the end of history.
    expect(result.points).toBe(54 * 72 + 48 + 24);
    expect(result.mase).toBeLessThan(0.85);
    expect(result.coverage80).toBeGreaterThan(0.75);
    expect(result.coverage80).toBeLessThan(0.85);
    expect(result.coverage95).toBeGreaterThan(0.93);
    expect(result.coverage95).toBeLessThan(0.975);
  });

  it('needs a week of history before the backtest weeks', () => {
    expect(() => backtestArrivals(spring.slice(0, 8 * 168), { weeks: 8 })).toThrow(/9 weeks/);
  });
});
