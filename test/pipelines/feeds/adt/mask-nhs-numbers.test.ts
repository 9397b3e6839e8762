import { describe, expect, it } from 'vitest';
import { maskNhsNumbers } from '../../../../pipelines/feeds/adt/mask-nhs-numbers.js';
import { londonDay, londonWallToUtc } from '../../../../pipelines/feeds/adt/london-time.js';

describe('maskNhsNumbers(raw)', () => {
  it('masks every digit of PID-2, PID-3 and PID-4 and any other ten-digit run', () => {
    const raw =
      'MSH|^~\\&|PAS|XT101|||20250601101500+0100||ADT^A01|C1|P|2.4\rPID|1|123|943476591^^^NHS^NH~77^^^X^MR|55||DOE\rNTE|call 943 476 5919 or 9434765919';
    const masked = maskNhsNumbers(raw);
    expect(masked).toContain('PID|1|***|*********^^^NHS^NH~**^^^X^MR|**||DOE');
    expect(masked).toContain('NTE|call *** *** **** or **********');
    expect(masked).toContain('20250601101500+0100');
    expect(masked).not.toMatch(/943|476|5919/);
  });
});

describe('londonWallToUtc(wallMs) and londonDay(instant)', () => {
  it('follows both clock changes', () => {
    const wall = (text: string) => new Date(londonWallToUtc(Date.parse(`${text}Z`))).toISOString();
    expect(wall('2025-03-30T00:59:00')).toBe('2025-03-30T00:59:00.000Z');
    expect(wall('2025-03-30T02:00:00')).toBe('2025-03-30T01:00:00.000Z');
    expect(wall('2025-10-26T01:59:00')).toBe('2025-10-26T00:59:00.000Z');
    expect(wall('2025-10-26T02:00:00')).toBe('2025-10-26T02:00:00.000Z');
    expect(londonDay(new Date('2025-06-30T23:00:00Z'))).toBe('2025-07-01');
    expect(londonDay(new Date('2025-12-31T23:59:00Z'))).toBe('2025-12-31');
  });
});
