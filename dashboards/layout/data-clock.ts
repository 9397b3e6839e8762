import { duration, londonTime } from './dom.js';

/** Events up to this far ahead of the wall clock are rounding, not a wrong feed clock. */
const toleranceMinutes = 1;

/**
 * "Data as at …": the latest event time and how long ago it was against the service's wall
 * clock `now`, and a warning when the latest event is in the future (a feed whose clock or
 * time zone is wrong).
 */
export function dataClock(
  asAt: Date | null,
  now: Date | null,
  detail?: string,
): { text: string; future: string | null } {
  if (!asAt) return { text: '', future: null };
  const aheadMinutes = now ? (asAt.getTime() - now.getTime()) / 60_000 : 0;
  const age =
    now === null
      ? ''
      : aheadMinutes > toleranceMinutes
        ? ` (${duration(aheadMinutes)} ahead of now)`
        : ` (${duration(Math.max(0, -aheadMinutes))} ago)`;
  const text = `Data as at ${londonTime(asAt)}${age}${detail ? ` · ${detail}` : ''}`;
  const future =
    aheadMinutes > toleranceMinutes
      ? `The latest event (${londonTime(asAt)}) is ${duration(aheadMinutes)} later than now (${londonTime(now)}): a feed's clock or time zone may be wrong.`
      : null;
  return { text, future };
}
