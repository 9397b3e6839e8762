import type { ReportName } from './report-config.js';

/** The period a report covers, as named in its archive folder and delivery ids. */
export interface ReportPeriod {
  /** daily-brief 2026-11-25, weekly-flow 2026-W47, monthly-published 2026-10. */
  label: string;
  /** First day covered (YYYY-MM-DD, Europe/London calendar). */
  start: string;
  /** Last day covered. */
  end: string;
}

/** The Europe/London calendar date of an instant, YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** A calendar date moved by whole days (dates are handled as UTC midnights, no zone). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday starting the ISO week of a date. */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** ISO 8601 week label of a date, e.g. 2026-W48. */
export function isoWeekLabel(date: string): string {
  const thursday = addDays(mondayOf(date), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / 604_800_000);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The period a report run on `runDate` covers: the daily brief is named for its own day and
 * covers the day before; the weekly report covers the last complete ISO week (Monday–Sunday)
 * before runDate; the monthly report covers `publishedMonth` (the latest month NHS England has
 * published, YYYY-MM-01), which the caller reads from the warehouse.
 */
export function reportPeriod(
  report: ReportName,
  runDate: string,
  publishedMonth?: string | null,
): ReportPeriod {
  switch (report) {
    case 'daily-brief':
      return { label: runDate, start: addDays(runDate, -1), end: addDays(runDate, -1) };
    case 'weekly-flow': {
      const start = mondayOf(addDays(runDate, -7));
      return { label: isoWeekLabel(start), start, end: addDays(start, 6) };
    }
    case 'monthly-published': {
      if (!publishedMonth) throw new Error('no published monthly A&E data is loaded yet');
      const start = publishedMonth.slice(0, 7) + '-01';
      const next = new Date(`${start}T00:00:00Z`);
      next.setUTCMonth(next.getUTCMonth() + 1);
      return { label: start.slice(0, 7), start, end: addDays(next.toISOString().slice(0, 10), -1) };
    }
  }
}
