import type { TouchedKeys } from '../feeds/feed.js';

/** The union of several files' touched keys, each key once. */
export function mergeTouched(all: readonly TouchedKeys[]): TouchedKeys {
  const siteDays = new Map<string, { site_code: string; day: string }>();
  const months = new Set<string>();
  for (const touched of all) {
    for (const key of touched.siteDays) siteDays.set(`${key.site_code}|${key.day}`, key);
    for (const month of touched.months) months.add(month);
  }
  return { siteDays: [...siteDays.values()], months: [...months] };
}
