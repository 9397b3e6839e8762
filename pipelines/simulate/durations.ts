/** Durations in milliseconds, the simulator's unit of time. */
export const minute = 60_000;
export const hour = 3_600_000;
export const day = 86_400_000;

/** The instant `t` (UTC ms) rounded down to its minute: the feeds record whole minutes. */
export const floorMinute = (t: number): number => Math.floor(t / minute) * minute;
