import { londonWallToUtc } from './london-time.js';

const timestampPattern =
  /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?([+-])?(\d{2})?(\d{2})?$/;

/**
 * An HL7 v2 timestamp `YYYYMMDDHHMM[SS[.S]][±ZZZZ]` as a UTC instant, or null when it is not
 * one (bad shape or an impossible date or time). Without an offset the time is the sender's
 * local time (HL7 v2.4 TS), taken as Europe/London.
 */
export function parseHl7Timestamp(value: string): Date | null {
  const match = timestampPattern.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, sign, offH, offM] = match;
  if (sign !== undefined && (offH === undefined || offM === undefined)) return null;
  if (sign === undefined && offH !== undefined) return null;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (sign === undefined) return new Date(londonWallToUtc(wallMs));
  const offsetHours = Number(offH);
  const offsetMinutes = Number(offM);
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  const offset = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return new Date(wallMs - offset * 60_000);
}

/** An HL7 date `YYYYMMDD` (any time part ignored) as `YYYY-MM-DD`, or null when invalid. */
export function parseHl7Date(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:\d{0,6}(?:\.\d{1,4})?(?:[+-]\d{4})?)?$/.exec(
    value.trim(),
  );
  if (!match) return null;
  const [, y, m, d] = match;
  if (!isCalendarDate(Number(y), Number(m), Number(d))) return null;
  return `${y}-${m}-${d}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
