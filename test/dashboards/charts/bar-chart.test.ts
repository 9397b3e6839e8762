import { describe, expect, it } from 'vitest';
import { barChart } from '../../../dashboards/charts/bar-chart.js';
import { serverDocument, snapshotText } from './render-svg.js';

describe('barChart(rows, options)', () => {
  it('sorts bars by value and labels each, writing a missing value', async () => {
    const svg = barChart(
      [
        { category: 'Pathway 0', value: 0.4 },
        { category: 'Pathway 3', value: 6.2 },
        { category: 'Pathway 1', value: 2.1 },
        { category: 'Pathway 2', value: null },
      ],
      { document: serverDocument(), unit: 'days', sort: true },
    );
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(labels.indexOf('Pathway 3')).toBeLessThan(labels.indexOf('Pathway 1'));
    expect(svg.textContent).toContain('6.2 days');
    expect(svg.textContent).toContain('no value');
    expect(svg.querySelectorAll('rect').length).toBe(3);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/bar-chart-pathways.svg');
  });
});
