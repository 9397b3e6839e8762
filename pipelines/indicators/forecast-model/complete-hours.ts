const hourMs = 3_600_000;

/**
 * Hourly counts with every hour from `from` (inclusive) to `to` (exclusive) present, missing hours
 * as 0: a GROUP BY over events leaves out the hours with none, which fitArrivalModel would otherwise
 * read as unknown. Rows outside the range are dropped; a repeated hour is an error.
 */
export function completeHours(
  rows: ReadonlyArray<{ hour_start: Date; count: number }>,
  { from, to }: { from: Date; to: Date },
): Array<{ hour_start: Date; count: number }> {
  const start = from.getTime();
  const end = to.getTime();
  if (start % hourMs !== 0 || end % hourMs !== 0 || !(end >= start)) {
    throw new RangeError('from and to must be whole UTC hours with from ≤ to');
  }
  const counts = new Map<number, number>();
  for (const row of rows) {
    const time = row.hour_start.getTime();
    if (time % hourMs !== 0)
      throw new RangeError(`${row.hour_start.toISOString()} is not a whole hour`);
    if (counts.has(time))
      throw new RangeError(`hour ${row.hour_start.toISOString()} appears twice`);
    counts.set(time, row.count);
  }
  const result: Array<{ hour_start: Date; count: number }> = [];
  for (let time = start; time < end; time += hourMs) {
    result.push({ hour_start: new Date(time), count: counts.get(time) ?? 0 });
  }
  return result;
}
