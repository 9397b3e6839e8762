/** A level's week-to-week spread: log-scale standard deviation and the weeks it is from. */
export interface WeekToWeekSpread {
  sd: number;
  weeks: number;
}

/**
 * How much a behaviour's level moved from week to week: the standard deviation, across the whole
 * weeks back from the start (7-day blocks with at least `minimum` observations), of the log of each
 * week's mean (0 with fewer than two such weeks). Replications draw their level from it (see
 * drawLevel), so the ranges carry the uncertainty of a level that does not stay put, not only chance.
 */
export function weekToWeekSd(
  observations: ReadonlyArray<{ days_before: number; value: number }>,
  minimum = 30,
): WeekToWeekSpread {
  const weeks = new Map<number, { sum: number; n: number }>();
  for (const { days_before, value } of observations) {
    if (!(days_before >= 0) || !Number.isFinite(value)) continue;
    const week = Math.floor(days_before / 7);
    const entry = weeks.get(week) ?? { sum: 0, n: 0 };
    entry.sum += value;
    entry.n++;
    weeks.set(week, entry);
  }
  const logs = [...weeks.values()]
    .filter((w) => w.n >= minimum && w.sum > 0)
    .map((w) => Math.log(w.sum / w.n));
  if (logs.length < 2) return { sd: 0, weeks: logs.length };
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
  return { sd, weeks: logs.length };
}
