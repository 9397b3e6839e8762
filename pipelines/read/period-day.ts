/**
 * The calendar date (YYYY-MM-DD) of a row's `period_start` as the read layer gives it (ISO
 * 8601): for day, week and month grains the Europe/London date the period starts on, which
 * the warehouse writes as that date at 00:00Z; for the hour grain, the UTC date of the hour.
 */
export function periodDay(periodStart: string): string {
  return periodStart.slice(0, 10);
}
