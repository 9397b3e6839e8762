/**
 * The one normal form of a published discharge delay reason, so that every spelling of the
 * same reason in NHS England's discharge files compares equal:
 * - any Unicode space (the published strings carry U+00A0) becomes an ASCII space;
 * - a '?' that stands where a non-breaking space was lost in a Windows-1252 round trip
 *   (before '(' or at the very end, as in "still underway?(Pathway 1 or 3)") becomes a space;
 * - every dash (en dash, em dash, minus, hyphen) becomes an ASCII hyphen;
 * - the separator after the family name is written " - " whatever its spacing
 *   ("Care transfer hub process– Awaiting…" → "Care transfer hub process - Awaiting…");
 * - no space around '/', runs of spaces collapse to one, ends trimmed.
 */
export function normaliseDelayReason(text: string): string {
  let s = text.normalize('NFC');
  s = s.replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\t]/g, ' ');
  s = s.replace(/\?(?=\()/g, ' ').replace(/\?\s*$/, '');
  s = s.replace(/[\u2010-\u2015\u2212]/g, '-');
  s = s.replace(/\s*\/\s*/g, '/');
  s = s.replace(/\s+/g, ' ').trim();
  const family = delayReasonFamilies.find((f) => s.toLowerCase().startsWith(f.toLowerCase()));
  if (family) {
    const rest = s.slice(family.length).replace(/^\s*-\s*/, '');
    s = `${family} - ${rest}`;
  }
  return s;
}

/** The five families of delay reason, as the published reason strings begin. */
export const delayReasonFamilies = [
  'Hospital process',
  'Care transfer hub process',
  'Capacity',
  'Interface process',
  'Wellbeing concerns',
] as const;
