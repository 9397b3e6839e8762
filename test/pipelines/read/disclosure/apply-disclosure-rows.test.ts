import { describe, expect, it } from 'vitest';
import {
  applyDisclosure,
  unitKindOf,
  type UnitKind,
} from '../../../../pipelines/read/disclosure/apply-disclosure.js';
import { complementarySuppression } from '../../../../pipelines/read/disclosure/complementary-suppression.js';
import { defaultDisclosureRule as rule } from '../../../../pipelines/read/disclosure/disclosure-rule.js';
import type { ResultTable } from '../../../../pipelines/read/result-table.js';

/*
 * Row by row, what the public sees for each kind of value: every branch of applyDisclosure
 * with its exact output. Intervals are Wilson 95% intervals of the rounded counts, worked out
 * independently (z = 1.959964): 100 of 125 → 0.72141–0.86070; 4,005 of 5,000 →
 * 0.78970–0.81183; 0 of 20 → 0–0.16113.
 */

type Row = { n: number | null; d: number | null; v: number | null };
type Shown = {
  numerator: unknown;
  denominator: unknown;
  value: unknown;
  lower: unknown;
  upper: unknown;
};

/** One sub-national row (interval 1–2 as given), controlled, read back by column name. */
function shown(row: Row, unit: UnitKind, org = 'R0A'): Shown {
  const table: ResultTable = {
    names: ['org_code', 'numerator', 'denominator', 'value', 'lower', 'upper'],
    kinds: ['string', 'float', 'float', 'float', 'float', 'float'],
    columns: [[org], [row.n], [row.d], [row.v], [1], [2]],
    rowCount: 1,
  };
  const out = applyDisclosure(table, rule, unit);
  const cell = (name: string) => out.columns[out.names.indexOf(name)]![0];
  return {
    numerator: cell('numerator'),
    denominator: cell('denominator'),
    value: cell('value'),
    lower: cell('lower'),
    upper: cell('upper'),
  };
}

describe('unitKindOf(unit, kind)', () => {
  it('reads the registry’s unit and kind', () => {
    expect(unitKindOf(undefined)).toBe('other');
    expect(unitKindOf('')).toBe('other');
    expect(unitKindOf('percent')).toBe('percent');
    expect(unitKindOf('%')).toBe('percent');
    expect(unitKindOf('proportion')).toBe('proportion');
    expect(unitKindOf('share of attendances')).toBe('proportion');
    expect(unitKindOf('Standardised rate per 100,000')).toBe('standardised');
    expect(unitKindOf('rate_per_100k', 'dsr')).toBe('standardised');
    expect(unitKindOf(undefined, 'dsr')).toBe('standardised');
    expect(unitKindOf('minutes')).toBe('other');
    expect(unitKindOf('count')).toBe('other');
  });
});

describe('applyDisclosure, one row at a time', () => {
  it('recomputes a proportion from the rounded counts, 2 places below 4,000, with its interval', () => {
    expect(shown({ n: 101, d: 123, v: 101 / 123 }, 'proportion')).toEqual({
      numerator: 100,
      denominator: 125,
      value: 0.8,
      lower: 0.721,
      upper: 0.861,
    });
  });

  it('recomputes a percentage with 1 decimal place from a rounded denominator of 4,000', () => {
    expect(shown({ n: 4003, d: 5001, v: (4003 / 5001) * 100 }, 'percent')).toEqual({
      numerator: 4005,
      denominator: 5000,
      value: 80.1,
      lower: 78.97,
      upper: 81.18,
    });
  });

  it('gives a zero numerator its interval, on the unit’s scale', () => {
    expect(shown({ n: 0, d: 21, v: 0 }, 'percent')).toEqual({
      numerator: 0,
      denominator: 20,
      value: 0,
      lower: 0,
      upper: 16.1,
    });
    expect(shown({ n: 0, d: 21, v: 0 }, 'proportion')).toEqual({
      numerator: 0,
      denominator: 20,
      value: 0,
      lower: 0,
      upper: 0.161,
    });
  });

  it('shows no value over a zero denominator', () => {
    expect(shown({ n: 0, d: 0, v: 0 }, 'percent')).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      lower: null,
      upper: null,
    });
  });

  it('withholds a ratio whose denominator is suppressed, even over a zero numerator', () => {
    expect(shown({ n: 0, d: 5, v: 0 }, 'proportion')).toEqual({
      numerator: 0,
      denominator: null,
      value: null,
      lower: null,
      upper: null,
    });
    expect(shown({ n: 3, d: 60, v: 0.05 }, 'proportion')).toEqual({
      numerator: null,
      denominator: 60,
      value: null,
      lower: null,
      upper: null,
    });
  });

  it('recomputes a mean that is a plain ratio (minutes per attendance), without an interval', () => {
    expect(shown({ n: 3002, d: 21, v: 3002 / 21 }, 'other')).toEqual({
      numerator: 3000,
      denominator: 20,
      value: 150,
      lower: null,
      upper: null,
    });
  });

  it('gives no interval when the rounded numerator exceeds the denominator', () => {
    expect(shown({ n: 23, d: 12, v: 23 / 12 }, 'proportion')).toEqual({
      numerator: 25,
      denominator: 10,
      value: 2.5,
      lower: null,
      upper: null,
    });
  });

  it('keeps a standardised value and withholds its interval; suppresses it over a small count', () => {
    expect(shown({ n: 100, d: 1000, v: 123.4 }, 'standardised')).toEqual({
      numerator: 100,
      denominator: 1000,
      value: 123.4,
      lower: null,
      upper: null,
    });
    expect(shown({ n: 5, d: 1000, v: 12.3 }, 'standardised')).toEqual({
      numerator: null,
      denominator: 1000,
      value: null,
      lower: null,
      upper: null,
    });
  });

  it('controls a value that is its own count, and a count given with no counts beside it', () => {
    expect(shown({ n: 212, d: null, v: 212 }, 'other')).toEqual({
      numerator: 210,
      denominator: null,
      value: 210,
      lower: null,
      upper: null,
    });
    expect(shown({ n: null, d: null, v: 13 }, 'other')).toEqual({
      numerator: null,
      denominator: null,
      value: 15,
      lower: null,
      upper: null,
    });
    expect(shown({ n: null, d: null, v: 6 }, 'other').value).toBeNull();
  });

  it('leaves a value that is not a count, over no counts, as it is', () => {
    expect(shown({ n: null, d: null, v: 4.5 }, 'other')).toEqual({
      numerator: null,
      denominator: null,
      value: 4.5,
      lower: 1,
      upper: 2,
    });
  });

  it('suppresses a mean or median over a suppressed count, and keeps one over a shown count', () => {
    expect(shown({ n: 6, d: null, v: 3.5 }, 'other')).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      lower: null,
      upper: null,
    });
    expect(shown({ n: 20, d: null, v: 7.25 }, 'other')).toEqual({
      numerator: 20,
      denominator: null,
      value: 7.25,
      lower: 1,
      upper: 2,
    });
  });

  it('controls the counts of a row with no value and leaves its interval', () => {
    expect(shown({ n: 212, d: 13, v: null }, 'proportion')).toEqual({
      numerator: 210,
      denominator: 15,
      value: null,
      lower: 1,
      upper: 2,
    });
  });

  it('passes a national row unchanged', () => {
    expect(shown({ n: 3, d: 6, v: 0.5 }, 'proportion', 'ENG')).toEqual({
      numerator: 3,
      denominator: 6,
      value: 0.5,
      lower: 1,
      upper: 2,
    });
  });

  it('works on a table without interval columns, and leaves one without organisations alone', () => {
    const bare: ResultTable = {
      names: ['org_code', 'numerator', 'denominator', 'value'],
      kinds: ['string', 'float', 'float', 'float'],
      columns: [['R0A'], [101], [123], [101 / 123]],
      rowCount: 1,
    };
    const out = applyDisclosure(bare, rule, 'proportion');
    expect(out.names).toEqual(bare.names);
    expect(out.columns).toEqual([['R0A'], [100], [125], [0.8]]);
    expect(bare.columns[1]).toEqual([101]);
    const noOrg: ResultTable = {
      names: ['numerator', 'value'],
      kinds: ['float', 'float'],
      columns: [[3], [3]],
      rowCount: 1,
    };
    expect(applyDisclosure(noOrg, rule, 'other')).toBe(noOrg);
  });
});

describe('complementarySuppression(counts, rule): no more than protection needs', () => {
  it('hides nothing more when no cell is small', () => {
    expect([...complementarySuppression([12, 17, 30], rule)]).toEqual([]);
  });

  it('hides nothing more when the small cell cannot be pinned', () => {
    // 1, 20, 30 → –, 20, 30 with a total of 51 → 50: the hidden cell can be 1 to 6.
    expect([...complementarySuppression([1, 20, 30], rule)]).toEqual([]);
  });

  it('hides the smallest visible non-zero cell, never a zero and never a missing one', () => {
    // 12, 7, 17, 7 and a zero: without a third hidden cell both 7s are pinned by the total.
    expect([...complementarySuppression([12, 7, 17, 7, 0, null], rule)]).toEqual([0]);
    expect([...complementarySuppression([17, 7, 12, 7], rule)]).toEqual([2]);
  });
});

describe('applyDisclosure over a whole response', () => {
  it('protects each organisation × period × breakdown as its own group, never totals or national rows', () => {
    const rows: Array<[string, string, string, string, number]> = [
      ['R0A', '2024-12-01', 'total', 'all', 43],
      ['R0A', '2024-12-01', 'ethnic_group', 'A', 12],
      ['R0A', '2024-12-01', 'ethnic_group', 'B', 7],
      ['R0A', '2024-12-01', 'ethnic_group', 'C', 17],
      ['R0A', '2024-12-01', 'ethnic_group', 'D', 7],
      ['RW6', '2024-12-01', 'ethnic_group', 'A', 30],
      ['RW6', '2024-12-01', 'ethnic_group', 'B', 40],
      ['R0A', '2024-11-01', 'ethnic_group', 'A', 20],
      ['R0A', '2024-11-01', 'ethnic_group', 'B', 1],
      ['R0A', '2024-11-01', 'ethnic_group', 'C', 30],
      ['ENG', '2024-12-01', 'ethnic_group', 'A', 3],
      ['ENG', '2024-12-01', 'ethnic_group', 'B', 12],
    ];
    const table: ResultTable = {
      names: ['org_code', 'period_start', 'dimension', 'category', 'numerator', 'value'],
      kinds: ['string', 'string', 'string', 'string', 'float', 'float'],
      columns: [0, 1, 2, 3, 4, 4].map((c) => rows.map((row) => row[c]!)),
      rowCount: rows.length,
    };
    const out = applyDisclosure(table, rule, 'other');
    expect(out.columns[4]).toEqual([
      45, // the total is not one of its own parts
      null, // 12: hidden so that the two 7s cannot be worked out from the total
      null,
      15,
      null,
      30, // another organisation's group: nothing small, nothing hidden
      40,
      20, // another period: 1 is hidden, and 20 and 30 leave it anywhere from 1 to 6
      null,
      30,
      3, // national rows are published as they are
      12,
    ]);
    expect(out.columns[5]).toEqual(out.columns[4]);
  });

  it('finds its columns wherever they are', () => {
    const table: ResultTable = {
      names: ['numerator', 'denominator', 'value', 'org_code'],
      kinds: ['float', 'float', 'float', 'string'],
      columns: [[101], [123], [101 / 123], ['R0A']],
      rowCount: 1,
    };
    expect(applyDisclosure(table, rule, 'proportion').columns).toEqual([
      [100],
      [125],
      [0.8],
      ['R0A'],
    ]);
  });
});
