import type { ColumnValues, ResultTable } from '../result-table.js';

const withheld = new Set([
  'gap_lower',
  'gap_upper',
  'sii',
  'sii_lower',
  'sii_upper',
  'rii',
  'rii_lower',
  'rii_upper',
  'unknown_share',
]);

/**
 * An inequality summary for a controlled caller, from the controlled groups only: most and
 * least deprived are the controlled values of the first and last deprivation groups (null
 * when suppressed), the gap their difference; the gap's interval, SII, RII and the unknown
 * share are withheld (stored ones come from exact counts, and give suppressed groups back).
 */
export function controlledSummary<Row>(
  summary: ResultTable<Row>,
  groups: ResultTable,
): ResultTable<Row> {
  const col = (table: ResultTable, name: string) => table.columns[table.names.indexOf(name)];
  const categories = col(groups, 'category') ?? [];
  const values = col(groups, 'value') ?? [];
  const ranked: Array<{ rank: number; value: number | null }> = [];
  for (let r = 0; r < groups.rowCount; r++) {
    const rank = Number(categories[r]);
    if (Number.isInteger(rank)) ranked.push({ rank, value: values[r] as number | null });
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const most = ranked.length >= 2 ? (ranked[0]?.value ?? null) : null;
  const least = ranked.length >= 2 ? (ranked.at(-1)?.value ?? null) : null;
  const gap = most !== null && least !== null ? most - least : null;
  const replaced: Record<string, number | null> = {
    most_deprived: most,
    least_deprived: least,
    gap,
  };
  const columns = summary.columns.map((column, c): ColumnValues => {
    const name = summary.names[c]!;
    if (withheld.has(name)) return column.map(() => null);
    if (name in replaced) return column.map(() => replaced[name]!);
    return column.slice();
  });
  return { ...summary, columns };
}
