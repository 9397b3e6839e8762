import type { Clock } from './clock.js';

/** The machine's clock and Node's timers (unreferenced: a pending timer never holds the process). */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return () => clearTimeout(handle);
  },
};
