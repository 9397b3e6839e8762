export type { Clock } from './clock.js';
export { systemClock } from './system-clock.js';
export { createManualClock, type ManualClock } from './manual-clock.js';
