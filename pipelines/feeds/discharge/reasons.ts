/**
 * Why a discharge row was quarantined: the reason codes stored in quarantine.reason_code and
 * their plain-English text. rules.sql gives each failing row the first reason it meets, in
 * the order of its CASE; malformed_row and truncated_row come from the CSV reader.
 */
export const dischargeReasons = {
  malformed_row:
    'The line does not split into the 12 columns of the discharge format (too many or too few).',
  truncated_row:
    'The last line of the file stops short: the file was cut off while being written or sent.',
  required_missing:
    'A field every spell must have is empty (Spell_Id, Provider_Code, Site_Code, Admission_Date_Time).',
  invalid_datetime:
    'A date-time is not ISO 8601 with a UTC offset (2025-03-30T01:15:00+00:00), or not a real time.',
  invalid_date: 'The discharge ready date is not a real YYYY-MM-DD date.',
  invalid_number: 'Age at admission is not a whole number.',
  unknown_code: 'The pathway, sex or delay reason is not one the discharge format defines.',
  unknown_site: 'The site code is not a site in the organisation reference.',
  site_provider_mismatch: 'The site belongs to a different trust than the provider code says.',
  nhs_number_format: 'The NHS number is not 10 digits (the number is not stored).',
  nhs_number_checksum:
    'The NHS number fails its modulus 11 check digit (the number is not stored).',
  age_out_of_range:
    'Age at admission is outside 18–120 years (the discharge return covers adults).',
  discharge_before_admission: 'The discharge time is before the admission time.',
  ready_before_admission: 'The discharge ready date is before the day of admission.',
  ready_after_discharge: 'The discharge ready date is after the day of discharge.',
} as const;

export type DischargeReason = keyof typeof dischargeReasons;
