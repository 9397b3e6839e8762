import { describe, expect, it } from 'vitest';
import {
  fitArrivalModel,
  forecastArrivals,
} from '../../../../pipelines/indicators/forecast-model/index.js';
import { expectedArrivals, simulatedArrivals } from './simulated-arrivals.js';

const hourMs = 3_600_000;
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

describe('fitArrivalModel(history) and forecastArrivals(model, from, hours)', () => {
  it('forecasts 72 hourly means close to the simulated truth, with nested intervals', () => {
    const model = fitArrivalModel(spring);
    const forecast = forecastArrivals(model, model.fittedThrough);
    expect(forecast).toHaveLength(72);
    expect(forecast[0].hour_start).toEqual(model.fittedThrough);
    expect(forecast[71].hour_start.getTime() - forecast[0].hour_start.getTime()).toBe(71 * hourMs);
    let absoluteRelativeError = 0;
    for (const hour of forecast) {
      const truth = expectedArrivals(hour.hour_start, 12);
      absoluteRelativeError += Math.abs(hour.mean - truth) / truth;
      expect(hour.lower95).toBeLessThanOrEqual(hour.lower80);
      expect(hour.lower80).toBeLessThanOrEqual(hour.mean);
      expect(hour.mean).toBeLessThanOrEqual(hour.upper80);
      expect(hour.upper80).toBeLessThanOrEqual(hour.upper95);
      expect(hour.lower95).toBeGreaterThanOrEqual(0);
    }
    expect(absoluteRelativeError / 72).toBeLessThan(0.1);
  });

  it('keeps the local-time peak in place across the autumn clock change', () => {
    // History ends Saturday 25 October 2025 (BST); the forecast runs into GMT on the Sunday.
    const end = Date.UTC(2025, 9, 25, 23);
    const model = fitArrivalModel(autumn.filter((row) => row.hour_start.getTime() < end));
    const forecast = forecastArrivals(model, new Date(end), 72);
    // Against the truth in local time the error is small; against the truth an hour off (what a
    // UTC-based profile would follow) it is clearly larger.
    const error = (shift: number) =>
      forecast.reduce(
        (sum, f) =>
          sum + Math.abs(f.mean - expectedArrivals(new Date(f.hour_start.getTime() + shift), 6)),
        0,
      ) / forecast.reduce((sum, f) => sum + expectedArrivals(f.hour_start, 6), 0);
    expect(error(0)).toBeLessThan(0.1);
    expect(error(hourMs)).toBeGreaterThan(1.5 * error(0));
    expect(error(-hourMs)).toBeGreaterThan(1.5 * error(0));
    // Monday 27 October 11:00 local is 11:00 UTC after the change (10:00 UTC the week before).
    const monday11 = forecast.find(
      (f) => f.hour_start.toISOString() === '2025-10-27T11:00:00.000Z',
    )!;
    const monday04 = forecast.find(
      (f) => f.hour_start.toISOString() === '2025-10-27T04:00:00.000Z',
    )!;
    expect(monday11.mean).toBeGreaterThan(3 * monday04.mean);
  });

  it('treats a missing hour as unknown and rejects bad history', () => {
    const gappy = spring.filter((_, i) => i % 50 !== 0);
    expect(fitArrivalModel(gappy).level).toBeGreaterThan(0);
    expect(() => fitArrivalModel(spring.slice(0, 100))).toThrow(/168 hours/);
    expect(() =>
      fitArrivalModel([{ hour_start: new Date(Date.UTC(2025, 0, 1, 0, 30)), count: 1 }]),
    ).toThrow(/whole UTC hour/);
    expect(() => fitArrivalModel([{ hour_start: new Date(0), count: -1 }])).toThrow(/count/);
    expect(() => forecastArrivals(fitArrivalModel(spring), new Date(1.5 * hourMs))).toThrow(/from/);
  });

  it('estimates the overdispersion it is given, and none from a single week', () => {
    expect(fitArrivalModel(overdispersed).dispersion).toBeGreaterThan(0.05);
    expect(fitArrivalModel(overdispersed).dispersion).toBeLessThan(0.15);
    expect(fitArrivalModel(spring).dispersion).toBeLessThan(0.01);
    const oneWeek = fitArrivalModel(spring.slice(-168));
    expect(oneWeek.dispersion).toBe(0);
    expect(forecastArrivals(oneWeek, oneWeek.fittedThrough, 24)).toHaveLength(24);
  });

  it('forecasts zero with zero-width intervals for a site with no arrivals', () => {
    const empty = spring.map((row) => ({ ...row, count: 0 }));
    const model = fitArrivalModel(empty);
    const [first] = forecastArrivals(model, model.fittedThrough, 1);
    expect(first).toMatchObject({ mean: 0, lower95: 0, upper95: 0 });
  });
});
