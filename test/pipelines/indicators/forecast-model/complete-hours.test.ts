import { describe, expect, it } from 'vitest';
import { completeHours } from '../../../../pipelines/indicators/forecast-model/index.js';

const at = (hour: number) => new Date(Date.UTC(2025, 2, 30, hour));

describe('completeHours(rows, { from, to })', () => {
  it('fills absent hours with 0 across the spring clock change and drops rows outside', () => {
    const rows = [
      { hour_start: at(1), count: 4 },
      { hour_start: at(3), count: 2 },
      { hour_start: at(9), count: 7 },
    ];
    expect(completeHours(rows, { from: at(0), to: at(5) })).toEqual([
      { hour_start: at(0), count: 0 },
      { hour_start: at(1), count: 4 },
      { hour_start: at(2), count: 0 },
      { hour_start: at(3), count: 2 },
      { hour_start: at(4), count: 0 },
    ]);
  });

  it('rejects a repeated hour and a range off the hour', () => {
    const rows = [
      { hour_start: at(1), count: 4 },
      { hour_start: at(1), count: 2 },
    ];
    expect(() => completeHours(rows, { from: at(0), to: at(5) })).toThrow(/twice/);
    expect(() => completeHours([], { from: new Date(at(0).getTime() + 1), to: at(5) })).toThrow(
      /whole UTC hours/,
    );
  });
});
