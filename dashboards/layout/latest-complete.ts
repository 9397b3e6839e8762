/** A value with its period's completeness, as the values and SPC routes give it. */
export interface PeriodValue {
  period_start: string | Date;
  is_provisional?: boolean | null;
}

/**
 * The latest complete period of a series (ordered by period), and the periods after it that
 * are still provisional ("so far"): what a summary reports, and what it may only show beside it.
 */
export function latestComplete<T extends PeriodValue>(
  series: readonly T[],
): { complete: T | null; soFar: T[] } {
  let last = -1;
  for (let i = series.length - 1; i >= 0; i--) {
    if (series[i].is_provisional !== true) {
      last = i;
      break;
    }
  }
  return {
    complete: last >= 0 ? series[last] : null,
    soFar: series.slice(last + 1).filter((row) => row.is_provisional === true),
  };
}
