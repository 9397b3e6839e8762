/**
 * NHS England's monthly "A&E Attendances and Emergency Admissions" provider CSV (MSitAE),
 * exactly as published: 22 columns with this header (the source's own typo "4-12 hs"),
 * `Period` like `MSitAE-MARCH-2025`, a trailing totals row (`TOTAL`, `Total`, `Total `),
 * trailing spaces in names, sometimes extra empty columns at the end.
 * Also accepted: the NHS-R `ae_attendances` CSV (period,org_code,type,attendances,breaches,admissions).
 *
 * How a file is counted (rows_in = loaded + quarantined + duplicate):
 * - rows_in is every non-blank line after the header, except a totals row whose figures equal
 *   the sum of the provider rows (a footer, checked and dropped). A totals row that does not
 *   add up is quarantined (`totals_mismatch`) and counted.
 * - MSitAE: one row per provider → one ae_monthly row (period_start = first day of the
 *   Period's month). Extra trailing columns (empty, or headed `a`) are ignored when empty.
 * - NHS-R: one row per period × org × type (1, 2, other) → the type's columns of the
 *   period × org ae_monthly row (attendances → att_*, breaches → over4h_*, admissions →
 *   emergency_admissions_*); booked, decision-to-admit and other-admission columns stay NULL.
 * - A row identical to the stored one (same period, org and figures) is a duplicate; a row
 *   that differs replaces it (a revised publication) and the old row moves to
 *   ae_monthly_history.
 */
export const msitaeHeader = [
  'Period',
  'Org Code',
  'Parent Org',
  'Org name',
  'A&E attendances Type 1',
  'A&E attendances Type 2',
  'A&E attendances Other A&E Department',
  'A&E attendances Booked Appointments Type 1',
  'A&E attendances Booked Appointments Type 2',
  'A&E attendances Booked Appointments Other Department',
  'Attendances over 4hrs Type 1',
  'Attendances over 4hrs Type 2',
  'Attendances over 4hrs Other Department',
  'Attendances over 4hrs Booked Appointments Type 1',
  'Attendances over 4hrs Booked Appointments Type 2',
  'Attendances over 4hrs Booked Appointments Other Department',
  'Patients who have waited 4-12 hs from DTA to admission',
  'Patients who have waited 12+ hrs from DTA to admission',
  'Emergency admissions via A&E - Type 1',
  'Emergency admissions via A&E - Type 2',
  'Emergency admissions via A&E - Other A&E department',
  'Other emergency admissions',
] as const;

export const nhsrHeader = [
  'period',
  'org_code',
  'type',
  'attendances',
  'breaches',
  'admissions',
] as const;

/** The ae_monthly column each MSitAE count column (header positions 5–22) loads into. */
export const msitaeCountColumns = [
  'att_type1',
  'att_type2',
  'att_other',
  'att_booked_type1',
  'att_booked_type2',
  'att_booked_other',
  'over4h_type1',
  'over4h_type2',
  'over4h_other',
  'over4h_booked_type1',
  'over4h_booked_type2',
  'over4h_booked_other',
  'dta_4_12h',
  'dta_12h_plus',
  'emergency_admissions_type1',
  'emergency_admissions_type2',
  'emergency_admissions_other',
  'other_emergency_admissions',
] as const;

/** NHS-R `type` values and the ae_monthly column suffix each loads into. */
export const nhsrTypes = { '1': 'type1', '2': 'type2', other: 'other' } as const;
