import { describe, expect, it } from 'vitest';
import { journeyChart } from '../../../dashboards/charts/journey-chart.js';
import { serverDocument, snapshotText } from './render-svg.js';

describe('journeyChart(rows, options)', () => {
  it('stacks each stage to 100% and labels the wide segments with their counts', async () => {
    const svg = journeyChart(
      [
        { stage: 'Arrival at ED', category: 'Ambulance', patients: 300 },
        { stage: 'Arrival at ED', category: 'Walk-in / other', patients: 700 },
        { stage: 'ED outcome', category: 'Admitted', patients: 250 },
        { stage: 'ED outcome', category: 'Not admitted', patients: 750 },
        { stage: 'Left hospital', category: 'On the day ready', patients: 180 },
        { stage: 'Left hospital', category: 'After a delay', patients: 12 },
      ],
      { document: serverDocument() },
    );
    expect(svg.querySelectorAll('rect').length).toBe(6);
    const labels = [...svg.querySelectorAll('text')].map((t) => t.textContent).join(' ');
    expect(labels).toContain('Ambulance');
    expect(labels).toContain('700');
    expect(labels).not.toContain('After a delay');
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/journey-chart.svg');
  });
});
