import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDisclosure } from '../../../server/disclosure/apply-disclosure.js';
import { controlCount } from '../../../server/disclosure/control-count.js';
import { defaultDisclosureRule as rule } from '../../../server/disclosure/disclosure-rule.js';
import type { ResultTable } from '../../../server/query/result-table.js';

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

  it('keeps a standardised value (not a plain ratio) unrounded, with its interval', () => {
    const out = applyDisclosure(rows([{ org: 'R0A', n: 120, d: 100000, v: 131.7 }]), rule, 'other');
    expect(out.columns.map((c) => c[0])).toEqual(['R0A', 120, 100000, 131.7, 1, 2]);
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

  // What we guarantee against differencing: a total and its parts are controlled
  // independently; then for every suppressed part, the published figures (total and visible
  // parts) stay consistent with at least two values of that part, so it is never determined.
  it('does not let a total minus its visible parts pin down a suppressed part', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(25), { minLength: 1, maxLength: 4 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const published = applyDisclosure(
          rows([
            { org: 'R0A', n: total, d: null, v: total },
            ...parts.map((n) => ({ org: 'R0A', n, d: null, v: n })),
          ]),
          rule,
          'other',
        ).columns[1]! as Array<number | null>;
        const [publishedTotal, ...publishedParts] = published;
        const options = publishedParts.map(candidates);
        const totals = new Set(candidates(publishedTotal!));
        const feasible = options.map(() => new Set<number>());
        const walk = (i: number, chosen: number[]) => {
          if (i === options.length) {
            if (totals.has(chosen.reduce((a, b) => a + b, 0)))
              chosen.forEach((x, k) => feasible[k]!.add(x));
            return;
          }
          for (const x of options[i]!) walk(i + 1, [...chosen, x]);
        };
        walk(0, []);
        publishedParts.forEach((value, k) => {
          expect(feasible[k]!.has(parts[k]!)).toBe(true);
          if (value === null) expect(feasible[k]!.size).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 300 },
    );
  });
});
