import { describe, expect, it } from 'vitest';
import { opelBadge } from '../../../dashboards/charts/opel-badge.js';
import { serverDocument, snapshotText } from './render-svg.js';

describe('opelBadge(row, options)', () => {
  it('writes the level and its meaning and fills as many steps as the level', async () => {
    const svg = opelBadge({ level: 3, org_name: 'Northvale ICS' }, { document: serverDocument() });
    expect(svg.textContent).toContain('OPEL 3');
    expect(svg.textContent).toContain('major pressures compromising flow');
    expect(svg.getAttribute('aria-label')).toBe(
      'OPEL 3: major pressures compromising flow (Northvale ICS)',
    );
    const steps = [...svg.querySelectorAll('rect')].slice(1);
    expect(steps.filter((rect) => rect.getAttribute('fill') !== 'none').length).toBe(3);
    await expect(snapshotText(svg)).toMatchFileSnapshot('__snapshots__/opel-badge-3.svg');
  });

  it('clamps a level outside 1–4', () => {
    expect(opelBadge({ level: 7 }, { document: serverDocument() }).textContent).toContain('OPEL 4');
  });
});
