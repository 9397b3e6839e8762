import { describe, expect, it } from 'vitest';
import {
  londonHourOfWeek,
  londonOffsetHours,
} from '../../../../pipelines/indicators/forecast-model/index.js';
import { localWeekdayHour } from './simulated-arrivals.js';

const hourMs = 3_600_000;

describe('londonHourOfWeek(instant)', () => {
  it('agrees with Intl Europe/London for every hour of 2024–2026, both clock changes included', () => {
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    for (let t = from; t < to; t += hourMs) {
      const instant = new Date(t);
      const { weekday, hour } = localWeekdayHour(instant);
      if (londonHourOfWeek(instant) !== weekday * 24 + hour) {
        throw new Error(`mismatch at ${instant.toISOString()}`);
      }
    }
  });

  it('switches offset at 01:00 UTC on the last Sundays of March and October', () => {
    expect(londonOffsetHours(new Date('2025-03-30T00:59:59Z'))).toBe(0);
    expect(londonOffsetHours(new Date('2025-03-30T01:00:00Z'))).toBe(1);
    expect(londonOffsetHours(new Date('2025-10-26T00:59:59Z'))).toBe(1);
    expect(londonOffsetHours(new Date('2025-10-26T01:00:00Z'))).toBe(0);
  });

  it('maps Monday 00:00 local to 0 and Sunday 23:00 to 167, in summer and winter', () => {
    expect(londonHourOfWeek(new Date('2025-01-06T00:00:00Z'))).toBe(0);
    expect(londonHourOfWeek(new Date('2025-07-06T22:00:00Z'))).toBe(167);
    expect(londonHourOfWeek(new Date('2025-07-06T23:00:00Z'))).toBe(0);
  });
});
