import { msitaeHeader } from '../../feeds/ae-monthly/format.js';

const months = [
  'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE',
  'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER',
]; // prettier-ignore

/** The MSitAE `Period` of a month given as YYYY-MM: `MSitAE-MARCH-2025`. */
export function msitaePeriod(month: string): string {
  return `MSitAE-${months[Number(month.slice(5, 7)) - 1]}-${month.slice(0, 4)}`;
}

/**
 * An NHS England monthly A&E provider CSV: the published header byte for byte, CRLF line ends
 * as in the published files, one row per provider and the `TOTAL` row summing them.
 */
export function formatMsitaeFile(rows: Array<Array<string | number>>): string {
  const totals = new Array<number>(18).fill(0);
  for (const row of rows) for (let i = 0; i < 18; i++) totals[i]! += Number(row[4 + i]);
  return [
    msitaeHeader.join(','),
    ...rows.map((r) => r.join(',')),
    ['TOTAL', 'TOTAL', 'TOTAL', 'TOTAL', ...totals].join(','),
  ]
    .map((line) => line + '\r\n')
    .join('');
}
