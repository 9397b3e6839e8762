/**
 * Why an A&E row was quarantined: the reason codes stored in quarantine.reason_code and
 * their plain-English text. rules.sql gives each failing row the first reason it meets, in
 * the order of its CASE; malformed_row and truncated_row come from the CSV reader.
 */
export const aeReasons = {
  malformed_row:
    'The line does not split into the 21 columns of the A&E format (too many or too few).',
  truncated_row:
    'The last line of the file stops short: the file was cut off while being written or sent.',
  required_missing: 'A field every attendance must have is empty.',
  invalid_datetime:
    'A date-time is not ISO 8601 with a UTC offset (2025-03-30T01:15:00+00:00), or not a real time.',
  invalid_number: 'Age at arrival is not a whole number.',
  unknown_code: 'A coded field holds a value the A&E format does not define.',
  unknown_site: 'The site code is not a site in the organisation reference.',
  site_provider_mismatch: 'The site belongs to a different trust than the provider code says.',
  nhs_number_format: 'The NHS number is not 10 digits (the number is not stored).',
  nhs_number_checksum:
    'The NHS number fails its modulus 11 check digit (the number is not stored).',
  age_out_of_range: 'Age at arrival is outside 0–120 years.',
  departure_before_arrival: 'The departure time is before the arrival time.',
  event_before_arrival:
    'Ambulance handover, initial assessment, seen for treatment or decision to admit is before arrival.',
  event_after_departure:
    'Ambulance handover, initial assessment, seen for treatment or decision to admit is after departure.',
} as const;

export type AeReason = keyof typeof aeReasons;
