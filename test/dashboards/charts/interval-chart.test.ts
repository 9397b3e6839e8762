import { describe, expect, it } from 'vitest';
import { intervalChart } from '../../../dashboards/charts/interval-chart.js';
import { serverDocument, snapshotText } from './render-svg.js';

const quintiles = [
  { category: '1 (most deprived)', value: 0.712, lower: 0.69, upper: 0.733 },
  { category: '2', value: 0.731, lower: 0.71, upper: 0.751 },
  { category: '3', value: 0.748, lower: 0.727, upper: 0.768 },
  { category: '4', value: 0.76, lower: 0.738, upper: 0.781 },
  { category: '5 (least deprived)', value: 0.774, lower: 0.752, upper: 0.795 },
  { category: 'Unknown', value: 0.7, lower: 0.61, upper: 0.78 },
];

describe('intervalChart(rows, options)', () => {
  it('draws every group with its 95% interval and the unknowns hollow and labelled', async () => {
    const svg = intervalChart(quintiles, {
      document: serverDocument(),
      unit: 'proportion',
      reference: 0.75,
    });
    expect(svg.textContent).toContain('Unknown (unknown)');
    expect(svg.textContent).toContain('71.2%');
    expect(svg.querySelectorAll('line, path').length).toBeGreaterThan(6);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/interval-chart-imd.svg');
  });

  it('says "no value" for a group without one instead of dropping it', () => {
    const svg = intervalChart(
      [
        { category: 'F', value: 120, lower: 99, upper: 143 },
        { category: 'M', value: null, lower: null, upper: null },
      ],
      { document: serverDocument(), unit: 'count' },
    );
    expect(svg.textContent).toContain('no value');
    expect(svg.textContent).toContain('M');
  });
});
