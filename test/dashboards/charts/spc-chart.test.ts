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

  it('draws a provisional period hollow, labelled "so far", outside the judged points and limits', async () => {
    const complete = points.slice(0, 15);
    const result = xmr(complete, { improvement: 'up' });
    const earlier = { period_start: new Date(Date.UTC(2025, 2, 1)), value: 0.9 };
    const soFar = { period_start: new Date(Date.UTC(2025, 3, 1)), value: 1 };
    const partial = { period_start: new Date(Date.UTC(2023, 11, 1)), value: 0 };
    const svg = spcChart(spcRows(result.points), {
      document: serverDocument(),
      unit: 'proportion',
      variationIcon: result.variationIcon,
      assuranceIcon: result.assuranceIcon,
      provisional: [partial, earlier, soFar],
    });
    const hollow = [...svg.querySelectorAll('g.provisional circle')];
    expect(hollow).toHaveLength(3);
    expect(svg.querySelector('g.provisional')?.getAttribute('fill')).toBe('#FFFFFF');
    expect(hollow.map((c) => c.querySelector('title')?.textContent)).toEqual([
      'partial: provisional, not judged',
      'so far: provisional, not judged',
      'so far: provisional, not judged',
    ]);
    // One label per run of provisional points: the latest "so far", the earliest "partial".
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels.filter((l) => l === 'so far')).toHaveLength(1);
    expect(labels.filter((l) => l === 'partial')).toHaveLength(1);
    // Only the complete points are coloured by variation; the icons come from them alone.
    const judged = [...svg.querySelectorAll('circle title')].filter((t) =>
      ['improvement', 'concern', 'neither', 'common cause'].includes(t.textContent ?? ''),
    );
    expect(judged.length).toBe(complete.length);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/spc-chart-so-far.svg');
  });
});
