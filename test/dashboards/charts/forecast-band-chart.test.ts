import { describe, expect, it } from 'vitest';
import { forecastBandChart } from '../../../dashboards/charts/forecast-band-chart.js';
import { serverDocument, snapshotText } from './render-svg.js';

const hour = (h: number) => new Date(Date.UTC(2024, 0, 10, h));
const forecast = [8, 9, 10, 11, 12, 13, 14].map((h) => ({
  site_code: 'XA101',
  measure: 'arrivals' as const,
  hour_start: hour(h),
  mean: 20,
  lower80: 15,
  upper80: 25,
  lower95: 12,
  upper95: 28,
}));
const arrivals = [
  { hour_start: hour(8), arrivals: 18 },
  { hour_start: hour(9), arrivals: 22 },
  { hour_start: hour(10), arrivals: 35 },
];

describe('forecastBandChart(rows, options)', () => {
  it('draws both bands, the mean, the arrivals and rings the hour above the 95% band', async () => {
    const svg = forecastBandChart(arrivals, {
      document: serverDocument(),
      forecast,
      now: hour(11),
    });
    const ringed = svg.querySelectorAll('[stroke="#D5281B"] circle, circle[stroke="#D5281B"]');
    expect(ringed.length).toBe(1);
    expect(svg.querySelectorAll('[fill="#C8E1F5"] path, [fill="#8CB8E0"] path').length).toBe(2);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/forecast-band-chart.svg');
  });
});
