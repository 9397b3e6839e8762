/**
 * Why a bed sitrep row was quarantined: the reason codes stored in quarantine.reason_code
 * and their plain-English text. rules.sql gives each failing row the first reason it meets,
 * in the order of its CASE; malformed_row and truncated_row come from the CSV reader.
 */
export const sitrepReasons = {
  malformed_row:
    'The line does not split into the 11 columns of the sitrep format (too many or too few).',
  truncated_row:
    'The last line of the file stops short: the file was cut off while being written or sent.',
  required_missing: 'A field every sitrep row must have is empty.',
  invalid_date: 'The snapshot date is not a real YYYY-MM-DD date.',
  invalid_number: 'A bed or patient count is not a whole number.',
  unknown_code: 'The bed type is not adult_ga, paed_ga, adult_cc, picu or nicu.',
  unknown_site: 'The site code is not a site in the organisation reference.',
  site_provider_mismatch: 'The site belongs to a different trust than the provider code says.',
  negative_beds: 'A bed or patient count is negative.',
  occupied_exceeds_available:
    'More beds are occupied than core and escalation beds available (an occupied bed is an available bed).',
  los_counts_inconsistent:
    'The length-of-stay counts do not nest: 21+ days ≤ 14+ ≤ 7+ ≤ beds occupied.',
} as const;

export type SitrepReason = keyof typeof sitrepReasons;
