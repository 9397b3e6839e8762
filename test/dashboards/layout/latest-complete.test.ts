import { describe, expect, it } from 'vitest';
import { latestComplete } from '../../../dashboards/layout/latest-complete.js';

const day = (d: number, is_provisional: boolean) => ({
  period_start: `2026-12-0${d}T00:00:00.000Z`,
  is_provisional,
});

describe('latestComplete(series)', () => {
  it('reports the last complete period and the provisional ones after it', () => {
    const series = [day(1, true), day(2, false), day(3, false), day(4, true), day(5, true)];
    expect(latestComplete(series)).toEqual({
      complete: day(3, false),
      soFar: [day(4, true), day(5, true)],
    });
  });

  it('gives no complete period when every period is provisional', () => {
    expect(latestComplete([day(1, true), day(2, true)])).toEqual({
      complete: null,
      soFar: [day(1, true), day(2, true)],
    });
  });

  it('leaves nothing so far when the last period is complete', () => {
    expect(latestComplete([day(1, true), day(2, false)]).soFar).toEqual([]);
    expect(latestComplete([])).toEqual({ complete: null, soFar: [] });
  });
});
