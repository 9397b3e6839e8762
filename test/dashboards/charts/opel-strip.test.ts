import { describe, expect, it } from 'vitest';
import { opelDaysText, opelStrip } from '../../../dashboards/charts/opel-strip.js';
import { serverDocument } from './render-svg.js';

const days = [
  { assessed_at: '2026-10-27T08:00:00.000Z', level: 3 },
  { assessed_at: '2026-10-25T08:00:00.000Z', level: 2 },
  { assessed_at: '2026-10-26T08:00:00.000Z', level: 4 },
  { assessed_at: '2026-10-28T08:00:00.000Z', level: 3 },
];

describe('opelStrip(rows, options)', () => {
  it('draws a cell per day, oldest first, as tall as its level, with a tooltip per day', () => {
    const svg = opelStrip(days, { document: serverDocument(), width: 100, height: 20 });
    const cells = [...svg.querySelectorAll('rect')];
    expect(cells.map((cell) => cell.getAttribute('data-level'))).toEqual(['2', '4', '3', '3']);
    expect(cells.map((cell) => cell.getAttribute('height'))).toEqual([
      '10.00',
      '20.00',
      '15.00',
      '15.00',
    ]);
    expect(cells.map((cell) => cell.getAttribute('x'))).toEqual([
      '0.00',
      '25.00',
      '50.00',
      '75.00',
    ]);
    expect(cells[1]!.textContent).toBe('Mon 26 Oct: OPEL 4, unable to deliver comprehensive care');
    expect(svg.getAttribute('aria-label')).toBe(
      'OPEL at 08:00 each day, Sun 25 Oct to Wed 28 Oct: OPEL 2 on 1 day, OPEL 3 on 2 days, OPEL 4 on 1 day',
    );
  });

  it('says when there is no day to show', () => {
    const svg = opelStrip([], { document: serverDocument() });
    expect(svg.querySelectorAll('rect')).toHaveLength(0);
    expect(svg.getAttribute('aria-label')).toBe('No daily OPEL assessment yet');
  });
});

describe('opelDaysText(rows)', () => {
  it('counts the days at each level, lowest level first', () => {
    expect(opelDaysText(days)).toBe('OPEL 2 on 1 day, OPEL 3 on 2 days, OPEL 4 on 1 day');
  });
});
