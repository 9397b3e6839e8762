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

/** A tick formatter for an axis in the unit (percent without decimals for proportions). */
export function tickFormat(unit: ValueUnit | string): (value: number) => string {
  if (unit === 'proportion') return (value) => `${whole.format(value * 100)}%`;
  return (value) => whole.format(value);
}
