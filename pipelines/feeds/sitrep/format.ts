/**
 * The daily UEC bed sitrep: an 08:00 snapshot per site and bed type, one CSV file per day
 * (`data/inbox/sitrep/sitrep-<YYYY-MM-DD>.csv`), submitted by 11:00.
 * Natural key: (Snapshot_Date, Site_Code, Bed_Type); a resubmission replaces the earlier row.
 */
export const sitrepColumns = [
  'Snapshot_Date', //          YYYY-MM-DD (the 08:00 snapshot's local date)
  'Provider_Code',
  'Site_Code',
  'Bed_Type', //               adult_ga | paed_ga | adult_cc | picu | nicu
  'Core_Beds_Available',
  'Escalation_Beds_Available',
  'Beds_Occupied',
  'Void_Beds',
  'LoS_7_Plus', //             patients with length of stay 7+ days (G&A only; else empty)
  'LoS_14_Plus',
  'LoS_21_Plus',
] as const;

export const bedTypes = ['adult_ga', 'paed_ga', 'adult_cc', 'picu', 'nicu'] as const;
