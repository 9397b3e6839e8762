import { describe, expect, it } from 'vitest';
import {
  applyDisclosure,
  unitKindOf,
} from '../../../../pipelines/read/disclosure/apply-disclosure.js';
import { controlledSummary } from '../../../../pipelines/read/disclosure/controlled-summary.js';
import {
  defaultDisclosureRule,
  disclosureHeader,
  disclosureRuleFrom,
  disclosureStatement,
  type DisclosureRule,
} from '../../../../pipelines/read/disclosure/disclosure-rule.js';
import type { ResultTable } from '../../../../pipelines/read/result-table.js';

describe('disclosureRuleFrom(settings)', () => {
  it('is NHS-DATA.md’s rule when nothing is set: suppress 1–7, round to 5, public only, England open', () => {
    expect(disclosureRuleFrom({})).toEqual({
      roles: ['public'],
      suppressFrom: 1,
      suppressTo: 7,
      roundTo: 5,
      oneDecimalFrom: 4000,
      nationalCodes: ['ENG'],
    });
  });

  it('takes each setting over the default', () => {
    expect(
      disclosureRuleFrom({
        disclosure: { suppressTo: 9, roundTo: 10, roles: ['public', 'analyst'] },
      }),
    ).toEqual({
      ...defaultDisclosureRule,
      suppressTo: 9,
      roundTo: 10,
      roles: ['public', 'analyst'],
    });
    // Edge values that make sense are accepted.
    expect(
      disclosureRuleFrom({ disclosure: { suppressFrom: 0, suppressTo: 0, roundTo: 1 } }),
    ).toMatchObject({
      suppressFrom: 0,
      suppressTo: 0,
      roundTo: 1,
    });
  });

  it.each([
    [{ suppressTo: 7.5 }],
    [{ suppressFrom: -1 }],
    [{ roundTo: '5' }],
    [{ oneDecimalFrom: 4000.5 }],
    [{ roundTo: 0 }],
  ])('refuses %j in one line naming the settings', (disclosure) => {
    expect(() => disclosureRuleFrom({ disclosure })).toThrow(
      'settings.disclosure: suppressFrom, suppressTo, roundTo and oneDecimalFrom must be whole numbers',
    );
  });

  it('refuses a suppression range that runs backwards', () => {
    expect(() => disclosureRuleFrom({ disclosure: { suppressFrom: 8, suppressTo: 7 } })).toThrow(
      'settings.disclosure: suppressFrom must not exceed suppressTo',
    );
    expect(
      disclosureRuleFrom({ disclosure: { suppressFrom: 7, suppressTo: 7 } }).suppressFrom,
    ).toBe(7);
  });
});

describe('what a controlled output says about its rule', () => {
  it('names the rule in the header', () => {
    expect(disclosureHeader(defaultDisclosureRule)).toBe(
      'nhs-small-numbers; suppress=1-7; round=5',
    );
    expect(
      disclosureHeader({ ...defaultDisclosureRule, suppressFrom: 2, suppressTo: 9, roundTo: 10 }),
    ).toBe('nhs-small-numbers; suppress=2-9; round=10');
  });

  it('states the thresholds and what happens to intervals', () => {
    const statement = disclosureStatement(defaultDisclosureRule);
    expect(statement).toMatchObject({
      rule: 'nhs-small-numbers',
      suppress: [1, 7],
      round: 5,
      one_decimal_from_denominator: 4000,
      not_controlled: ['ENG'],
    });
    expect(statement.intervals).toContain(
      'Wilson 95% interval recomputed from the rounded figures',
    );
    expect(statement.intervals).toContain('other intervals withheld');
  });
});

describe('unitKindOf(unit, kind)', () => {
  it.each([
    ['percent', undefined, 'percent'],
    ['% of attendances', undefined, 'percent'],
    ['Percent', undefined, 'percent'],
    ['proportion', undefined, 'proportion'],
    ['share of beds', undefined, 'proportion'],
    ['ratio', undefined, 'proportion'],
    ['Fraction', undefined, 'proportion'],
    ['per 100,000 (age-standardised)', undefined, 'standardised'],
    ['Standardized rate', undefined, 'standardised'],
    ['per 100,000', 'dsr', 'standardised'],
    ['count', undefined, 'other'],
    ['minutes', undefined, 'other'],
    [undefined, undefined, 'other'],
    ['', undefined, 'other'],
  ])('%j (kind %j) is %s', (unit, kind, expected) => {
    expect(unitKindOf(unit, kind)).toBe(expected);
  });
});

/** One indicator row for R0A with exact counts. */
function row(n: number, d: number, value: number): ResultTable {
  return {
    names: ['org_code', 'numerator', 'denominator', 'value', 'lower', 'upper'],
    kinds: ['string', 'float', 'float', 'float', 'float', 'float'],
    columns: [['R0A'], [n], [d], [value], [0], [0]],
    rowCount: 1,
  };
}

const values = (table: ResultTable) =>
  Object.fromEntries(table.names.map((name, c) => [name, table.columns[c]![0]]));

describe('the interval a controlled proportion is shown with', () => {
  // A rule that rounds to 1 leaves the counts as they are, so the recomputed interval can be
  // held against Newcombe (1998), Statistics in Medicine 17:857–872, table I, method 3 (Wilson).
  const exact: DisclosureRule = { ...defaultDisclosureRule, roundTo: 1 };

  it.each([
    [81, 263, 25.5, 36.6],
    // Newcombe gives 0.1605 to four places; the interval’s upper end is 0.16047.
    [15, 148, 6.2, 16.0],
  ])('%i/%i as a percentage: Wilson %f–%f', (n, d, lower, upper) => {
    const shown = values(applyDisclosure(row(n, d, (n / d) * 100), exact, 'percent'));
    expect(shown).toMatchObject({ numerator: n, denominator: d, lower, upper });
    expect(shown.value).toBe(Math.round((n / d) * 100));
  });

  it('0/20 as a proportion: Wilson 0 to 0.1611', () => {
    const shown = values(applyDisclosure(row(0, 20, 0), exact, 'proportion'));
    expect(shown).toMatchObject({ value: 0, lower: 0, upper: 0.161 });
  });

  it('gives one decimal place from a rounded denominator of 4,000 and not below it', () => {
    const at = values(applyDisclosure(row(3000, 4000, 75), defaultDisclosureRule, 'percent'));
    expect(at).toMatchObject({ value: 75, lower: 73.63, upper: 76.32 });
    const below = values(
      applyDisclosure(row(2997, 3995, (2997 / 3995) * 100), defaultDisclosureRule, 'percent'),
    );
    expect(below).toMatchObject({
      numerator: 2995,
      denominator: 3995,
      value: 75,
      lower: 73.6,
      upper: 76.3,
    });
  });

  it('shows no interval where the counts cannot make a proportion', () => {
    const over = values(applyDisclosure(row(120, 100, 120), defaultDisclosureRule, 'percent'));
    expect(over).toMatchObject({ value: 120, lower: null, upper: null });
    const other = values(applyDisclosure(row(300, 100, 3), defaultDisclosureRule, 'other'));
    expect(other).toMatchObject({ value: 3, lower: null, upper: null });
  });
});

/** The deprivation groups of one org and period, as the inequality route returns them. */
function groups(byRank: Array<[string, number | null]>): ResultTable {
  return {
    names: ['category', 'value'],
    kinds: ['string', 'float'],
    columns: [byRank.map(([c]) => c), byRank.map(([, v]) => v)],
    rowCount: byRank.length,
  };
}

const summary: ResultTable = {
  names: [
    'org_code',
    'most_deprived',
    'least_deprived',
    'gap',
    'gap_lower',
    'gap_upper',
    'sii',
    'sii_lower',
    'sii_upper',
    'rii',
    'rii_lower',
    'rii_upper',
    'unknown_share',
  ],
  kinds: ['string', ...Array<'float'>(12).fill('float')],
  columns: [
    ['R0A'],
    [61.2],
    [80.4],
    [-19.2],
    [-25],
    [-13],
    [-22],
    [-30],
    [-14],
    [0.7],
    [0.6],
    [0.8],
    [0.04],
  ],
  rowCount: 1,
};

describe('controlledSummary(summary, groups)', () => {
  it('takes the ends from the controlled groups in rank order and withholds every interval, SII and RII', () => {
    const controlled = controlledSummary(
      summary,
      groups([
        ['3', 70],
        ['5', 80],
        ['1', 60],
        ['unknown', 10],
        ['2', 65],
        ['4', 75],
      ]),
    );
    expect(values(controlled)).toEqual({
      org_code: 'R0A',
      most_deprived: 60,
      least_deprived: 80,
      gap: -20,
      gap_lower: null,
      gap_upper: null,
      sii: null,
      sii_lower: null,
      sii_upper: null,
      rii: null,
      rii_lower: null,
      rii_upper: null,
      unknown_share: null,
    });
    // The input is left as it was.
    expect(summary.columns[1]).toEqual([61.2]);
  });

  it('has no gap when an end is suppressed, and no ends from a single group', () => {
    const suppressed = values(
      controlledSummary(
        summary,
        groups([
          ['1', null],
          ['5', 80],
        ]),
      ),
    );
    expect(suppressed).toMatchObject({ most_deprived: null, least_deprived: 80, gap: null });
    const least = values(
      controlledSummary(
        summary,
        groups([
          ['1', 60],
          ['5', null],
        ]),
      ),
    );
    expect(least).toMatchObject({ most_deprived: 60, least_deprived: null, gap: null });
    const one = values(controlledSummary(summary, groups([['1', 60]])));
    expect(one).toMatchObject({ most_deprived: null, least_deprived: null, gap: null });
  });
});
