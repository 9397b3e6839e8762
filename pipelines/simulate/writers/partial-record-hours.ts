import { hour } from '../durations.js';
import { londonDate } from '../local-time.js';
import type { Attendance } from '../models/attendance.js';

/**
 * The hours (UTC ms ÷ one hour) at whose end the A&E feed carries the record of a patient still
 * in the department: the hour they arrived and each later hour with a new time (assessment,
 * seen, decision to admit), before the hour they leave. With daily files, written up to the
 * hour `dailyUntilHour`, only the last such hour of each local day (the record a day's extract
 * keeps).
 */
export function partialRecordHours(a: Attendance, dailyUntilHour?: number): number[] {
  const superseded = (h: number, next: number): boolean =>
    dailyUntilHour !== undefined &&
    next < dailyUntilHour &&
    londonDate(h * hour) === londonDate(next * hour);
  const hours: number[] = [];
  const departureHour = Math.floor(a.departure / hour);
  let previous = -1;
  for (const t of [a.arrival, a.assessed, a.seen, a.decidedToAdmit]) {
    if (t !== t) continue;
    const h = Math.floor(t / hour);
    if (h === previous || h >= departureHour) continue;
    if (previous >= 0 && !superseded(previous, h)) hours.push(previous);
    previous = h;
  }
  if (previous >= 0 && !superseded(previous, departureHour)) hours.push(previous);
  return hours;
}
