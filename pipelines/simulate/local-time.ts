const minuteMs = 60_000;
const hourMs = 3_600_000;

function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

const yearBounds = new Map<number, [number, number]>();

/** Minutes Europe/London is ahead of UTC at `utcMs` (UK rule since 1996: BST is +60). */
export function londonOffsetMinutes(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  let bounds = yearBounds.get(year);
  if (!bounds) {
    bounds = [lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)];
    yearBounds.set(year, bounds);
  }
  return utcMs >= bounds[0] && utcMs < bounds[1] ? 60 : 0;
}

/** Wall-clock milliseconds (UTC fields hold the London local time). */
export function londonWallMs(utcMs: number): number {
  return utcMs + londonOffsetMinutes(utcMs) * minuteMs;
}

const isoCache = new Map<number, string>();

/** ISO 8601 local time with offset, to the minute: `2025-03-30T01:15:00+00:00`. */
export function formatIsoLocal(utcMs: number): string {
  const minute = Math.floor(utcMs / minuteMs);
  let text = isoCache.get(minute);
  if (text === undefined) {
    const offset = londonOffsetMinutes(minute * minuteMs);
    text =
      new Date(minute * minuteMs + offset * minuteMs).toISOString().slice(0, 16) +
      (offset === 60 ? ':00+01:00' : ':00+00:00');
    if (isoCache.size > 2_000_000) isoCache.clear();
    isoCache.set(minute, text);
  }
  return text;
}

/** HL7 v2 TS with offset: `YYYYMMDDHHMMSS+ZZZZ`. */
export function formatHl7Time(utcMs: number): string {
  const iso = formatIsoLocal(utcMs);
  return (
    iso.slice(0, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    '00' +
    iso.slice(19, 22) +
    iso.slice(23, 25)
  );
}

/** The London calendar day YYYY-MM-DD of an instant. */
export function londonDate(utcMs: number): string {
  return new Date(londonWallMs(utcMs)).toISOString().slice(0, 10);
}

/** The London local hour 0–23 of an instant. */
export function londonHour(utcMs: number): number {
  return new Date(londonWallMs(utcMs)).getUTCHours();
}

/** `YYYYMMDDTHH` of the London local hour of an instant (with `b` for the repeated hour). */
export function londonHourStamp(utcMs: number): string {
  const iso = formatIsoLocal(utcMs);
  const repeated = londonOffsetMinutes(utcMs) === 0 && londonOffsetMinutes(utcMs - hourMs) === 60;
  return (
    iso.slice(0, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    'T' +
    iso.slice(11, 13) +
    (repeated ? 'b' : '')
  );
}

/** The UTC instant of London local midnight starting a YYYY-MM-DD day. */
export function londonMidnightUtc(day: string): number {
  const wall = Date.parse(day + 'T00:00:00Z');
  const guess = wall - hourMs;
  return londonOffsetMinutes(guess) === 60 ? guess : wall;
}
