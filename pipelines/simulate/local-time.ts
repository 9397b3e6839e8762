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

const twoDigits = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** Per UTC hour: the local `YYYY-MM-DDTHH:` and the `:00+0H:00` that follows the minute. */
const hourParts = new Map<number, [string, string]>();

function partsOfHour(utcHour: number): [string, string] {
  let parts = hourParts.get(utcHour);
  if (parts === undefined) {
    // London's offset changes only on the hour, so one hour shares its prefix and suffix.
    const offset = londonOffsetMinutes(utcHour * hourMs);
    parts = [
      new Date(utcHour * hourMs + offset * minuteMs).toISOString().slice(0, 14),
      offset === 60 ? ':00+01:00' : ':00+00:00',
    ];
    if (hourParts.size > 200_000) hourParts.clear();
    hourParts.set(utcHour, parts);
  }
  return parts;
}

/** ISO 8601 local time with offset, to the minute: `2025-03-30T01:15:00+00:00`. */
export function formatIsoLocal(utcMs: number): string {
  const minute = Math.floor(utcMs / minuteMs);
  const utcHour = Math.floor(minute / 60);
  const parts = partsOfHour(utcHour);
  return parts[0] + twoDigits[minute - utcHour * 60]! + parts[1];
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
  return partsOfHour(Math.floor(utcMs / hourMs))[0].slice(0, 10);
}

/** The London local hour 0–23 of an instant. */
export function londonHour(utcMs: number): number {
  const prefix = partsOfHour(Math.floor(utcMs / hourMs))[0];
  return (prefix.charCodeAt(11) - 48) * 10 + prefix.charCodeAt(12) - 48;
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

/** `YYYYMMDDTHHMM` of the London local minute of an instant (`b` after the repeated hour). */
export function londonMinuteStamp(utcMs: number): string {
  const hourStamp = londonHourStamp(utcMs);
  const minute = formatIsoLocal(utcMs).slice(14, 16);
  return hourStamp.endsWith('b') ? hourStamp.slice(0, -1) + minute + 'b' : hourStamp + minute;
}
