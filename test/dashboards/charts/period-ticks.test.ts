import { describe, expect, it } from 'vitest';
import { periodTicks } from '../../../dashboards/charts/format-value.js';

const months = (n: number) =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 5 + i, 1)));
const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 5, 1 + i)));

describe('periodTicks(periods, grain)', () => {
  it('ticks at each period while their labels fit: up to 12 days, up to 6 months', () => {
    expect(periodTicks([...days(12), ...days(3)], 'day')).toEqual(days(12));
    expect(periodTicks(months(6), 'month')).toEqual(months(6));
  });

  it('leaves the ticks to Plot beyond that, and always for hours', () => {
    expect(periodTicks(days(13), 'day')).toBeUndefined();
    expect(periodTicks(months(7), 'month')).toBeUndefined();
    expect(periodTicks(days(2), 'hour')).toBeUndefined();
    expect(periodTicks(days(2), undefined)).toBeUndefined();
  });
});
