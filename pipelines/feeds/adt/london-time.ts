const hourMs = 3_600_000;

/**
 * Minutes Europe/London is ahead of UTC at `utcMs`: 60 in British Summer Time, else 0.
 * Follows the UK rule in force since 1996 (BST from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October); earlier years are not needed by this feed.
 */
export function londonOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  return utcMs >= lastSundayAt1Utc(year, 2) && utcMs < lastSundayAt1Utc(year, 9) ? 60 : 0;
}

/**
 * The UTC instant of a Europe/London wall-clock time given as if it were UTC milliseconds.
 * In the repeated hour when the clocks go back, the first (BST) instant; in the missing hour
 * when they go forward, the instant one hour later on the wall clock.
 */
export function londonWallToUtc(wallMs: number): number {
  const summer = wallMs - hourMs;
  return londonOffsetMinutes(summer) === 60 ? summer : wallMs;
}

/** The Europe/London calendar day (YYYY-MM-DD) of an instant. */
export function londonDay(instant: Date): string {
  const ms = instant.getTime();
  return new Date(ms + londonOffsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}
