import type { DisclosureRule } from './disclosure-rule.js';

/** A sub-national count under the rule: null when suppressed, else rounded to the nearest multiple. */
export function controlCount(count: number, rule: DisclosureRule): number | null {
  if (count >= rule.suppressFrom && count <= rule.suppressTo) return null;
  return Math.round(count / rule.roundTo) * rule.roundTo;
}
