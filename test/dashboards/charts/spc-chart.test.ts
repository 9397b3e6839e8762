import { describe, expect, it } from 'vitest';
import { spcChart, spcRows } from '../../../dashboards/charts/spc-chart.js';
import { xmr } from '../../../pipelines/indicators/index.js';
import { serverDocument, snapshotText } from './render-svg.js';

const values = [
  0.71, 0.72, 0.7, 0.73, 0.72, 0.71, 0.74, 0.72, 0.7, 0.73, 0.72, 0.71, 0.72, 0.73, 0.75, 0.76,
  0.77, 0.78, 0.79, 0.8, 0.66, 0.81, 0.8, 0.82, 0.81, 0.8, 0.82, 0.81, 0.83, 0.82,
];
const points = values.map((value, i) => ({
  period: new Date(Date.UTC(2024, i, 1)).toISOString(),
  value,
}));

describe('spcChart(rows, options)', () => {
  it('draws limits, coloured special causes, the target, a recalculation and both icons', async () => {
    const result = xmr(points, {
      improvement: 'up',
      target: 0.78,
      recalculateAt: ['2025-03-01T00:00:00.000Z'],
    });
    const svg = spcChart(spcRows(result.points), {
      document: serverDocument(),
      unit: 'proportion',
      target: 0.78,
      variationIcon: result.variationIcon,
      assuranceIcon: result.assuranceIcon,
      twoSigma: true,
      title: '4-hour performance',
    });
    expect(svg.querySelectorAll('circle[fill="#00B0F0"]').length).toBeGreaterThan(0);
    expect(svg.querySelector('.spc-icon.variation')?.getAttribute('aria-label')).toMatch(
      /variation/,
    );
    expect(svg.textContent).toContain('recalculated');
    expect(svg.textContent).toContain('target');
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/spc-chart-recalculated.svg');
  });

  it('draws a concern below the limit in orange for a higher-is-better measure', async () => {
    const dip = points.slice(0, 16).map((p, i) => (i === 14 ? { ...p, value: 0.5 } : p));
    const result = xmr(dip, { improvement: 'up' });
    const svg = spcChart(spcRows(result.points), {
      document: serverDocument(),
      unit: 'proportion',
      variationIcon: result.variationIcon,
      assuranceIcon: result.assuranceIcon,
    });
    expect(svg.querySelectorAll('circle[fill="#E46C0A"]').length).toBe(1);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/spc-chart-concern.svg');
  });
});
