import type { ValueUnit } from './chart-options.js';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A value as a person reads it in its unit: 0.763 → "76.3%", 95 → "95 min". Null → "–". */
export function formatValue(value: number | null | undefined, unit: ValueUnit | string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'proportion':
      return `${oneDecimal.format(value * 100)}%`;
    case 'minutes':
      return `${whole.format(value)} min`;
    case 'days':
      return `${oneDecimal.format(value)} days`;
    case 'rate_per_100k':
      return `${oneDecimal.format(value)} per 100,000`;
    case 'beds':
    case 'count':
      return Number.isInteger(value) ? whole.format(value) : oneDecimal.format(value);
    default:
      return oneDecimal.format(value);
  }
}

/**
 * A tick formatter for an axis in the unit: whole percents for proportions, or one decimal when
 * the values shown span less than 10 points (so neighbouring ticks never read the same).
 */
export function tickFormat(
  unit: ValueUnit | string,
  values: ReadonlyArray<number | null> = [],
): (value: number) => string {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const span = finite.length ? Math.max(...finite) - Math.min(...finite) : Infinity;
  if (unit === 'proportion') {
    const digits = span < 0.1 ? oneDecimal : whole;
    return (value) => `${digits.format(value * 100)}%`;
  }
  return (value) => (span < 10 ? oneDecimal.format(value) : whole.format(value));
}

/** Time-axis tick labels for a grain: hours as 14:00, days and weeks as 3 Jun, months as Jun 2024. */
export function timeTickFormat(grain: string | undefined): ((value: Date) => string) | undefined {
  const options: Intl.DateTimeFormatOptions | undefined =
    grain === 'hour'
      ? { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }
      : grain === 'day' || grain === 'week'
        ? { day: 'numeric', month: 'short', timeZone: 'Europe/London' }
        : grain === 'month'
          ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
          : undefined;
  if (!options) return undefined;
  const format = new Intl.DateTimeFormat('en-GB', options);
  return (value) => format.format(value);
}

/**
 * Ticks at the periods themselves when there are few (so days are not labelled twice by
 * six-hourly ticks); undefined lets Plot choose when there are many. Month labels ("Sept
 * 2024") are wider than day labels, so months take at most 6 ticks of their own.
 */
export function periodTicks(
  periods: readonly Date[],
  grain: string | undefined,
): Date[] | undefined {
  if (grain === undefined || grain === 'hour') return undefined;
  const unique = [...new Set(periods.map((period) => period.getTime()))].sort((a, b) => a - b);
  if (unique.length > (grain === 'month' ? 6 : 12)) return undefined;
  return unique.map((time) => new Date(time));
}
