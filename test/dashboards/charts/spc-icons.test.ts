import { describe, expect, it } from 'vitest';
import { spcIcons } from '../../../dashboards/charts/spc-icons.js';
import { serverDocument, snapshotText } from './render-svg.js';

describe('spcIcons(icons, options)', () => {
  it('draws a high improvement as H with an up arrow and a pass as P', async () => {
    const svg = spcIcons(
      { variationIcon: 'improvement_high', assuranceIcon: 'pass' },
      { document: serverDocument() },
    );
    const letters = [...svg.querySelectorAll('text')].map((t) => t.textContent);
    expect(letters).toEqual(['H', 'P']);
    expect(svg.querySelector('.variation circle')?.getAttribute('stroke')).toBe('#00B0F0');
    expect(svg.getAttribute('aria-label')).toMatch(/improvement, high.*consistently be met/);
    await expect(snapshotText(svg)).toMatchFileSnapshot(
      '__snapshots__/spc-icons-improvement-pass.svg',
    );
  });

  it('draws a low concern as L with a down arrow, common cause as dots, and hit and miss as ?', () => {
    const concern = spcIcons(
      { variationIcon: 'concern_low', assuranceIcon: 'fail' },
      { document: serverDocument() },
    );
    expect([...concern.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['L', 'F']);
    const common = spcIcons(
      { variationIcon: 'common', assuranceIcon: 'hit_and_miss' },
      { document: serverDocument() },
    );
    expect(common.querySelectorAll('.variation circle').length).toBe(5);
    expect([...common.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['?']);
  });
});
