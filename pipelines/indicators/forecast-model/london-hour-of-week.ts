const hourMs = 3_600_000;

/**
 * Europe/London offset from UTC in hours (0 for GMT, 1 for BST) at an instant.
 * UK summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October (Summer Time Order 2002, the EU rule since 1996); computed directly so a fit over months of
 * hours does not call Intl for each one. Instants before 1996 follow the same rule (not historical).
 */
export function londonOffsetHours(instant: Date): number {
  const year = instant.getUTCFullYear();
  const start = lastSundayUtc(year, 2) + hourMs;
  const end = lastSundayUtc(year, 9) + hourMs;
  const time = instant.getTime();
  return time >= start && time < end ? 1 : 0;
}

/** Hour of the local (Europe/London) week of an instant: 0 = Monday 00:00–00:59 … 167 = Sunday 23:00. */
export function londonHourOfWeek(instant: Date): number {
  const local = new Date(instant.getTime() + londonOffsetHours(instant) * hourMs);
  const mondayBased = (local.getUTCDay() + 6) % 7;
  return mondayBased * 24 + local.getUTCHours();
}

function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay());
}
