/**
 * The daily UEC bed sitrep: an 08:00 snapshot per site and bed type, one CSV file per day
 * (`data/inbox/sitrep/sitrep-<YYYY-MM-DD>.csv`), submitted by 11:00.
 * Natural key: (Snapshot_Date, Site_Code, Bed_Type); a resubmission replaces the earlier row.
 *
 * Loading (sitrep-feed.ts; read with these columns by csv-feed/read-csv.sql, rules in rules.sql,
 * reasons in reasons.ts): the header must be exactly these columns (else FeedError
 * 'unexpected_header'; no header at all is 'empty_file'; a header alone is a file of no rows).
 * A line that does not split into the columns is quarantined as 'malformed_row', or
 * 'truncated_row' when it is the last line and has too few. Each other row is loaded,
 * quarantined with the first rule it fails, or counted as a duplicate; rows in = loaded +
 * quarantined + duplicate. Values are not trimmed.
 * A row identical to the current version of its key (or to the previous row of its key in
 * the same file) is a duplicate; one that differs is a correction: it becomes the current row
 * (record_version + 1) and the row it replaces moves to the history table. Two versions of a
 * key in one file both count as loaded, the later one current, the earlier in history.
 * Line numbers are 1-based with the header as line 1, exact for one-line records with no
 * blank lines between them.
 * Counts are whole numbers ≥ 0 ('invalid_number', 'negative_beds'). An occupied bed is an
 * available bed, so Beds_Occupied may not exceed Core_Beds_Available +
 * Escalation_Beds_Available ('occupied_exceeds_available'); Void_Beds (closed beds) are not
 * compared. LoS_21_Plus ≤ LoS_14_Plus ≤ LoS_7_Plus ≤ Beds_Occupied where given.
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
