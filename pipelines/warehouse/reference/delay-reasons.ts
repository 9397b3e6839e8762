import { delayReasonFamilies, normaliseDelayReason } from './normalise-delay-reason.js';

export interface DelayReason {
  reason_code: string;
  reason_text: string;
  family: string;
  pathway: number | null;
}

const familyPrefix: Record<(typeof delayReasonFamilies)[number], string> = {
  'Hospital process': 'HP',
  'Care transfer hub process': 'CT',
  Capacity: 'CA',
  'Interface process': 'IP',
  'Wellbeing concerns': 'WC',
};

/**
 * The delay_reason rows for the published reason strings: normalised text, family, a short
 * code (family prefix + number in alphabetical order of the normalised text within the family)
 * and the pathway when the text names exactly one ("(Pathway 2)"; "(Pathway 1 or 3)" → null).
 * Throws on a reason outside the five families.
 */
export function delayReasons(published: Iterable<string>): DelayReason[] {
  const texts = [...new Set([...published].map(normaliseDelayReason))].sort();
  const rows: DelayReason[] = [];
  for (const family of delayReasonFamilies) {
    const inFamily = texts.filter((t) => t.startsWith(`${family} - `));
    inFamily.forEach((text, i) => {
      const single = /\(Pathway (\d)\)/.exec(text);
      rows.push({
        reason_code: `${familyPrefix[family]}${String(i + 1).padStart(2, '0')}`,
        reason_text: text,
        family,
        pathway: single ? Number(single[1]) : null,
      });
    });
  }
  const unknown = texts.filter((t) => !rows.some((r) => r.reason_text === t));
  if (unknown.length > 0)
    throw new Error(`delay reasons outside the five families: ${unknown.join('; ')}`);
  return rows;
}
