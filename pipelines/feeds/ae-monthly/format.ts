/**
 * NHS England's monthly "A&E Attendances and Emergency Admissions" provider CSV (MSitAE),
 * exactly as published: 22 columns with this header (the source's own typo "4-12 hs"),
 * `Period` like `MSitAE-MARCH-2025`, a trailing totals row (`TOTAL`, `Total`, `Total `),
 * trailing spaces in names, sometimes extra empty columns at the end.
 * Also accepted: the NHS-R `ae_attendances` CSV (period,org_code,type,attendances,breaches,admissions).
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

export const nhsrHeader = ['period', 'org_code', 'type', 'attendances', 'breaches', 'admissions'] as const;
