import { controlCount } from './control-count.js';
import type { DisclosureRule } from './disclosure-rule.js';

interface Range {
  lo: number;
  hi: number;
}

/**
 * Complementary (secondary) suppression for one group of cells that partition a total the
 * rule also publishes (a breakdown: the categories of one org × period × dimension).
 * Rounding alone can let a total minus its visible parts pin a suppressed cell (parts 12, 7,
 * 17, 7 publish as 10, –, 15, – with a total of 45: both hidden cells must be 7). While any
 * cell hidden for being small can be pinned — by an attacker who knows the rule and even which
 * hidden cells are small (1 to suppressTo) and which were hidden to protect them — the
 * smallest visible non-zero cell is hidden too. Returns the indices to hide beyond the rule's.
 */
export function complementarySuppression(
  counts: ReadonlyArray<number | null>,
  rule: DisclosureRule,
): Set<number> {
  const cells = counts.flatMap((count, index) => (count === null ? [] : [{ count, index }]));
  const small = cells.filter((c) => controlCount(c.count, rule) === null);
  const extra = new Set<number>();
  if (small.length === 0) return extra;
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  const totalRange = publishedRange(controlCount(total, rule), rule);
  for (;;) {
    const ranges = cells.map((c) =>
      extra.has(c.index)
        ? { lo: rule.suppressTo + 1, hi: totalRange.hi }
        : publishedRange(controlCount(c.count, rule), rule),
    );
    if (!small.some((c) => isPinned(cells.indexOf(c), ranges, totalRange))) return extra;
    const candidate = cells
      .filter((c) => c.count > 0 && controlCount(c.count, rule) !== null && !extra.has(c.index))
      .sort((a, b) => a.count - b.count)[0];
    if (!candidate) return extra;
    extra.add(candidate.index);
  }
}

/** The values a published count stands for under the rule. */
function publishedRange(published: number | null, rule: DisclosureRule): Range {
  if (published === null) return { lo: rule.suppressFrom, hi: rule.suppressTo };
  if (published === 0) return { lo: 0, hi: 0 };
  const half = Math.floor(rule.roundTo / 2);
  return { lo: Math.max(published - half, rule.suppressTo + 1), hi: published + half };
}

/** Whether the cell's feasible values, given the others and the total, come to one value. */
function isPinned(i: number, ranges: Range[], total: Range): boolean {
  let othersLo = 0;
  let othersHi = 0;
  ranges.forEach((r, j) => {
    if (j === i) return;
    othersLo += r.lo;
    othersHi += r.hi;
  });
  const lo = Math.max(ranges[i]!.lo, total.lo - othersHi);
  const hi = Math.min(ranges[i]!.hi, total.hi - othersLo);
  return hi - lo < 1;
}
