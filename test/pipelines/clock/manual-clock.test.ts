import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../pipelines/clock/index.js';

describe('createManualClock(start)', () => {
  it('stands still until advanced, then fires due timers in time order at their own time', () => {
    const clock = createManualClock('2026-01-10T12:00:00Z');
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b ${clock.now().toISOString()}`), 2_000);
    clock.setTimer(() => fired.push(`a ${clock.now().toISOString()}`), 1_000);
    const cancel = clock.setTimer(() => fired.push('cancelled'), 1_500);
    cancel();
    expect(clock.now().toISOString()).toBe('2026-01-10T12:00:00.000Z');
    clock.advance(1_000);
    expect(fired).toEqual(['a 2026-01-10T12:00:01.000Z']);
    clock.advance(5_000);
    expect(fired).toEqual(['a 2026-01-10T12:00:01.000Z', 'b 2026-01-10T12:00:02.000Z']);
    expect(clock.now().toISOString()).toBe('2026-01-10T12:00:06.000Z');
    expect(clock.pending()).toBe(0);
  });

  it('fires timers set by timers within the same advance, and never goes backwards', () => {
    const clock = createManualClock(0);
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimer(tick, 100);
    };
    clock.setTimer(tick, 100);
    clock.advance(1_000);
    expect(ticks).toBe(10);
    clock.advanceTo(500);
    expect(clock.now().getTime()).toBe(1_000);
  });
});
