import { describe, expect, it } from 'vitest';
import { dataClock } from '../../../dashboards/layout/data-clock.js';

describe('dataClock(asAt, now, detail)', () => {
  const now = new Date('2026-12-06T10:30:00Z');

  it('gives the latest event time and how long ago it was by the service clock', () => {
    const shown = dataClock(new Date('2026-12-06T10:00:00Z'), now, 'last file 2 min ago');
    expect(shown).toEqual({
      text: 'Data as at 6 Dec, 10:00 (30 min ago) · last file 2 min ago',
      future: null,
    });
  });

  it('warns when the latest event is later than now (a feed with a wrong clock or zone)', () => {
    const shown = dataClock(new Date('2026-12-06T11:30:00Z'), now);
    expect(shown.text).toBe('Data as at 6 Dec, 11:30 (1 h 00 min ahead of now)');
    expect(shown.future).toBe(
      "The latest event (6 Dec, 11:30) is 1 h 00 min later than now (6 Dec, 10:30): a feed's clock or time zone may be wrong.",
    );
  });

  it('treats an event within a minute ahead as now, and says nothing without data', () => {
    expect(dataClock(new Date('2026-12-06T10:30:40Z'), now).future).toBeNull();
    expect(dataClock(null, now)).toEqual({ text: '', future: null });
  });
});
