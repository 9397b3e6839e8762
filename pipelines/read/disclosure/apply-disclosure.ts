import type { ColumnValues, ResultTable } from '../result-table.js';
import { complementarySuppression } from './complementary-suppression.js';
import { controlCount } from './control-count.js';
import type { DisclosureRule } from './disclosure-rule.js';

/** How an indicator's value relates to its counts, from the registry's unit. */
export type UnitKind = 'percent' | 'proportion' | 'standardised' | 'other';

/** From the registry's unit and kind (kind 'dsr': directly standardised rate). */
export function unitKindOf(unit: string | undefined, kind?: unknown): UnitKind {
  if (kind === 'dsr' || (unit && /standardi[sz]ed/i.test(unit))) return 'standardised';
  if (!unit) return 'other';
  if (/percent|%/i.test(unit)) return 'percent';
  if (/proportion|share|ratio|fraction/i.test(unit)) return 'proportion';
  return 'other';
}

const z = 1.959963984540054;

function wilson(x: number, n: number): [number, number] {
  const p = x / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/**
 * Applies the rule to indicator rows (columns org_code, numerator, denominator, value, lower,
 * upper), returning a new table. National rows pass unchanged. Counts 1–7 are suppressed,
 * others rounded to 5; a value that is numerator ÷ denominator × a power of ten is recomputed
 * from the rounded counts (suppressed when either count is), with 1 decimal place (in percent
 * terms) only when the rounded denominator reaches the threshold; a value that is not such a
 * ratio (standardised) keeps its value and loses its interval; a value over a suppressed count
 * (a mean, a median, a percentile) is suppressed. A count-only value is controlled as a count.
 */
export function applyDisclosure<Row>(
  table: ResultTable<Row>,
  rule: DisclosureRule,
  unitKind: UnitKind,
): ResultTable<Row> {
  const at = (name: string) => table.names.indexOf(name);
  const [org, num, den, val, lo, up] = [
    'org_code',
    'numerator',
    'denominator',
    'value',
    'lower',
    'upper',
  ].map(at);
  if (org === undefined || org < 0) return table;
  const columns = table.columns.map((column) => column.slice());
  const get = (c: number | undefined, r: number) =>
    c !== undefined && c >= 0 ? (columns[c]![r] as number | null) : null;
  const put = (c: number | undefined, r: number, value: number | null) => {
    if (c !== undefined && c >= 0) (columns[c] as ColumnValues)[r] = value;
  };
  const national = new Set(rule.nationalCodes);
  const hidden = complementaryCells(table, national, [num, den], rule);
  for (let r = 0; r < table.rowCount; r++) {
    if (national.has(columns[org]![r] as string)) continue;
    const n = get(num, r);
    const d = get(den, r);
    const v = get(val, r);
    const cn = n === null || hidden.has(`${num}:${r}`) ? null : controlCount(n, rule);
    const cd = d === null || hidden.has(`${den}:${r}`) ? null : controlCount(d, rule);
    put(num, r, cn);
    put(den, r, cd);
    if (v === null) continue;
    if ((n !== null && cn === null) || (d !== null && cd === null)) {
      // A value over suppressed counts (a ratio, a mean, a median, a percentile) is not shown.
      put(val, r, null);
      put(lo, r, null);
      put(up, r, null);
      continue;
    }
    if (n !== null && d !== null) {
      const scale =
        unitKind === 'standardised'
          ? null
          : n !== 0 && d !== 0
            ? ratioScale(v, n, d)
            : unitKind === 'percent'
              ? 100
              : 1;
      if (scale === null) {
        // A standardised rate keeps its value; its interval is withheld, because the
        // interval's width with the value gives the exact count back.
        put(lo, r, null);
        put(up, r, null);
        continue;
      }
      if (cn === null || cd === null || cd === 0) {
        put(val, r, null);
        put(lo, r, null);
        put(up, r, null);
        continue;
      }
      const places = (cd >= rule.oneDecimalFrom ? 1 : 0) + (unitKind === 'proportion' ? 2 : 0);
      put(val, r, roundTo((cn / cd) * scale, places));
      if (unitKind === 'other' || cn > cd) {
        put(lo, r, null);
        put(up, r, null);
      } else {
        const [l, u] = wilson(cn, cd);
        put(lo, r, roundTo(l * scale, places + 1));
        put(up, r, roundTo(u * scale, places + 1));
      }
    } else if (n !== null && v === n) {
      put(val, r, cn);
      put(lo, r, null);
      put(up, r, null);
    } else if (n === null && d === null && Number.isInteger(v)) {
      put(val, r, controlCount(v, rule));
      put(lo, r, null);
      put(up, r, null);
    } else if (cn === null && n !== null) {
      put(val, r, null);
      put(lo, r, null);
      put(up, r, null);
    }
  }
  return { ...table, columns };
}

const groupColumns = ['indicator_id', 'org_code', 'grain', 'period_start', 'dimension'];

/**
 * The cells (`column:row`) of breakdown rows that complementary suppression hides: rows with a
 * `category` are grouped by the other identifying columns, and within each group the counts
 * of each column partition a total the rule also publishes.
 */
function complementaryCells(
  table: ResultTable,
  national: Set<string>,
  countColumns: Array<number | undefined>,
  rule: DisclosureRule,
): Set<string> {
  const hidden = new Set<string>();
  const category = table.names.indexOf('category');
  if (category < 0) return hidden;
  const keyColumns = groupColumns.map((name) => table.names.indexOf(name)).filter((c) => c >= 0);
  const dimension = table.names.indexOf('dimension');
  const org = table.names.indexOf('org_code');
  const groups = new Map<string, number[]>();
  for (let r = 0; r < table.rowCount; r++) {
    if (national.has(table.columns[org]![r] as string)) continue;
    if (dimension >= 0 && table.columns[dimension]![r] === 'total') continue;
    const key = keyColumns.map((c) => String(table.columns[c]![r])).join('\u0000');
    const rows = groups.get(key);
    if (rows) rows.push(r);
    else groups.set(key, [r]);
  }
  for (const rows of groups.values()) {
    for (const column of countColumns) {
      if (column === undefined || column < 0) continue;
      const counts = rows.map((r) => table.columns[column]![r] as number | null);
      for (const i of complementarySuppression(counts, rule)) hidden.add(`${column}:${rows[i]}`);
    }
  }
  return hidden;
}

/** The power of ten that makes value = numerator / denominator × scale, or null (not a simple ratio). */
function ratioScale(value: number, numerator: number, denominator: number): number | null {
  const ratio = numerator / denominator;
  for (const scale of [1, 100, 1000, 10_000, 100_000]) {
    if (Math.abs(ratio * scale - value) <= 1e-9 * Math.max(1, Math.abs(value))) return scale;
  }
  return null;
}
