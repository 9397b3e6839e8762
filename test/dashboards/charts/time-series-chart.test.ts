import { describe, expect, it } from 'vitest';
import { timeSeriesChart } from '../../../dashboards/charts/time-series-chart.js';
import { serverDocument, snapshotText } from './render-svg.js';

const day = (d: number) => new Date(Date.UTC(2024, 0, d));
const rows = [1, 2, 3, 4, 5].flatMap((d) => [
  { period_start: day(d), org_code: 'XQA', value: 0.7 + d * 0.01 },
  { period_start: day(d), org_code: 'XA1', value: 0.7 + d * 0.011 },
  { period_start: day(d), org_code: 'XA2', value: d === 3 ? null : 0.66 + d * 0.005 },
]);

describe('timeSeriesChart(rows, options)', () => {
  it('draws one labelled line per organisation, labels apart, and the target', async () => {
    const svg = timeSeriesChart(rows, {
      document: serverDocument(),
      unit: 'proportion',
      names: { XQA: 'Northvale ICS', XA1: 'Trust one', XA2: 'Trust two' },
      target: 0.78,
      grain: 'day',
    });
    expect(svg.textContent).toContain('Northvale ICS');
    expect(svg.textContent).toContain('Trust two');
    expect(svg.textContent).toContain('3 Jan');
    const labels = [...svg.querySelectorAll('text')].filter((t) =>
      /Trust|ICS/.test(t.textContent ?? ''),
    );
    const ys = labels.map((t) =>
      Number(/translate\([\d.]+,([\d.]+)\)/.exec(t.getAttribute('transform') ?? '')?.[1]),
    );
    ys.sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(10);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/time-series-chart.svg');
  });

  it('ends a name too long for the margin in an ellipsis and keeps the whole name as its tooltip', () => {
    const name = 'Northvale Teaching Hospitals NHS Foundation Trust';
    const svg = timeSeriesChart(rows, {
      document: serverDocument(),
      unit: 'proportion',
      names: { XQA: name, XA1: 'Trust one', XA2: 'Trust two' },
      grain: 'day',
    });
    const label = [...svg.querySelectorAll('text')].find((t) =>
      (t.textContent ?? '').startsWith('Northvale'),
    )!;
    const shown = [...label.childNodes]
      .filter((node) => node.nodeType === 3)
      .map((node) => node.textContent)
      .join('');
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThan(name.length);
    expect(label.querySelector('title')?.textContent).toBe(name);
  });
});
