import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDisclosure } from '../../../../pipelines/read/disclosure/apply-disclosure.js';
import { controlCount } from '../../../../pipelines/read/disclosure/control-count.js';
import { defaultDisclosureRule as rule } from '../../../../pipelines/read/disclosure/disclosure-rule.js';
import type { ColumnKind, ResultTable } from '../../../../pipelines/read/result-table.js';

function rows(
  cells: Array<{ org: string; n: number | null; d: number | null; v: number | null }>,
): ResultTable {
  return {
    names: ['org_code', 'numerator', 'denominator', 'value', 'lower', 'upper'],
    kinds: ['string', 'float', 'float', 'float', 'float', 'float'],
    columns: [
      cells.map((c) => c.org),
      cells.map((c) => c.n),
      cells.map((c) => c.d),
      cells.map((c) => c.v),
      cells.map(() => 1),
      cells.map(() => 2),
    ],
    rowCount: cells.length,
  };
}

/** The categories of one org × period breakdown, as the values route returns them. */
function breakdown(counts: number[]): ResultTable {
  return {
    names: ['org_code', 'dimension', 'category', 'value', 'numerator', 'denominator'],
    kinds: ['string', 'string', 'string', 'float', 'float', 'float'],
    columns: [
      counts.map(() => 'R0A'),
      counts.map(() => 'ethnic_group'),
      counts.map((_, i) => `group ${i}`),
      counts.map((n) => n),
      counts.map((n) => n),
      counts.map(() => null),
    ],
    rowCount: counts.length,
  };
}

/** The values a published count is consistent with, knowing the rule. */
function candidates(published: number | null): number[] {
  if (published === null) return [1, 2, 3, 4, 5, 6, 7];
  if (published === 0) return [0];
  const out: number[] = [];
  for (let x = published - 2; x <= published + 2; x++) if (x >= 8 || x === 0) out.push(x);
  return out;
}

describe('controlCount(count, rule)', () => {
  it('suppresses 1–7 and rounds others to the nearest 5', () => {
    expect([0, 1, 7, 8, 12, 13, 212].map((n) => controlCount(n, rule))).toEqual([
      0,
      null,
      null,
      10,
      10,
      15,
      210,
    ]);
  });
});

describe('applyDisclosure(table, rule, unit)', () => {
  it('recomputes a percentage from rounded counts with 0 dp below 4,000 and 1 dp from 4,000', () => {
    const out = applyDisclosure(
      rows([
        { org: 'R0A', n: 101, d: 123, v: (101 / 123) * 100 },
        { org: 'R0A', n: 3333, d: 4001, v: (3333 / 4001) * 100 },
        { org: 'R0A', n: 40, d: 7, v: (40 / 7) * 100 },
      ]),
      rule,
      'percent',
    );
    expect(out.columns[3]).toEqual([80, 83.4, null]); // 3335 / 4000
  });

  it('keeps a standardised value (not a plain ratio) unrounded and withholds its interval', () => {
    // With the value, a Dobson interval's width gives the exact count back.
    const out = applyDisclosure(rows([{ org: 'R0A', n: 120, d: 100000, v: 131.7 }]), rule, 'other');
    expect(out.columns.map((c) => c[0])).toEqual(['R0A', 120, 100000, 131.7, null, null]);
  });

  it('suppresses a median or percentile whose count is suppressed', () => {
    const table = {
      names: ['org_code', 'numerator', 'denominator', 'value', 'lower', 'upper'],
      kinds: ['string', 'float', 'float', 'float', 'float', 'float'] as ColumnKind[],
      columns: [
        ['R0A', 'R0B'],
        [null, null],
        [6, 40],
        [212.5, 180],
        [null, null],
        [null, null],
      ],
      rowCount: 2,
    };
    const out = applyDisclosure(table, rule, 'other');
    expect(out.columns[3]).toEqual([null, 180]);
    expect(out.columns[2]).toEqual([null, 40]);
  });

  it('never changes national rows', () => {
    const out = applyDisclosure(rows([{ org: 'ENG', n: 3, d: 6, v: 50 }]), rule, 'percent');
    expect(out.columns.map((c) => c[0])).toEqual(['ENG', 3, 6, 50, 1, 2]);
  });

  it('never shows a count from 1 to 7, in any column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.nat(60), d: fc.nat(60) }), { minLength: 1, maxLength: 20 }),
        (cells) => {
          const out = applyDisclosure(
            rows(
              cells.map(({ n, d }) => ({
                org: 'R0A',
                n,
                d: n + d,
                v: n + d === 0 ? null : (n / (n + d)) * 100,
              })),
            ),
            rule,
            'percent',
          );
          for (const c of [1, 2])
            for (const value of out.columns[c]!)
              expect(value === null || value === 0 || (value as number) >= 8).toBe(true);
          for (const value of out.columns[1]!)
            expect(value === null || (value as number) % 5 === 0).toBe(true);
        },
      ),
    );
  });

  // What we guarantee against differencing: the categories of a breakdown partition a total
  // that is published too (controlled on its own). For every cell hidden for being small, the
  // published figures stay consistent with at least two values of it — even for an attacker
  // who knows the rule and which hidden cells are small (1–7) and which were hidden to protect
  // them (complementary suppression, any count from 8 up to the total).
  it('does not let a total minus its visible parts pin down a suppressed part', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(25), { minLength: 1, maxLength: 5 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const publishedTotal = controlCount(total, rule);
        const published = applyDisclosure(breakdown(parts), rule, 'other').columns[3]! as Array<
          number | null
        >;
        const totals = new Set(
          publishedTotal === null ? [1, 2, 3, 4, 5, 6, 7] : candidates(publishedTotal),
        );
        const maxTotal = Math.max(...totals);
        const options = published.map((value, k) =>
          value !== null
            ? candidates(value)
            : parts[k]! >= 1 && parts[k]! <= 7
              ? [1, 2, 3, 4, 5, 6, 7]
              : Array.from({ length: Math.max(0, maxTotal - 7) }, (_, i) => i + 8),
        );
        const feasible = options.map(() => new Set<number>());
        const walk = (i: number, chosen: number[], sum: number) => {
          if (sum > maxTotal) return;
          if (i === options.length) {
            if (totals.has(sum)) chosen.forEach((x, k) => feasible[k]!.add(x));
            return;
          }
          for (const x of options[i]!) walk(i + 1, [...chosen, x], sum + x);
        };
        walk(0, [], 0);
        published.forEach((value, k) => {
          expect(feasible[k]!.has(parts[k]!)).toBe(true);
          if (value === null && parts[k]! <= 7) expect(feasible[k]!.size).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('hides the smallest visible category when rounding would give a small one away', () => {
    // 12, 7, 17, 7 with a total of 43 → 45: without a third hidden cell both 7s are pinned.
    const published = applyDisclosure(breakdown([12, 7, 17, 7]), rule, 'other').columns[3]!;
    expect(published).toEqual([null, null, 15, null]);
  });
});
