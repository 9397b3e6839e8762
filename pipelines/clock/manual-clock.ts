import type { Clock } from './clock.js';

/** A clock that only moves when told to: timers fire, in time order, as it is advanced. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void;
  /** Moves the clock forward to `at` (never backwards), firing timers on the way. */
  advanceTo(at: Date | number): void;
  /** Timers not yet fired. */
  readonly pending: () => number;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock for tests and replays, starting at `start`; no real time passes. */
export function createManualClock(start: Date | string | number): ManualClock {
  let time = new Date(start).getTime();
  if (!Number.isFinite(time)) throw new RangeError(`invalid start time: ${String(start)}`);
  let seq = 0;
  let timers: Timer[] = [];
  const advanceTo = (at: Date | number): void => {
    const target = typeof at === 'number' ? at : at.getTime();
    for (;;) {
      let due: Timer | undefined;
      for (const timer of timers) {
        if (
          timer.at <= target &&
          (!due || timer.at < due.at || (timer.at === due.at && timer.seq < due.seq))
        )
          due = timer;
      }
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      time = Math.max(time, due.at);
      due.fn();
    }
    time = Math.max(time, target);
  };
  return {
    now: () => new Date(time),
    setTimer(fn, ms) {
      const timer = { at: time + Math.max(0, ms), seq: seq++, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance: (ms) => advanceTo(time + ms),
    advanceTo,
    pending: () => timers.length,
  };
}
