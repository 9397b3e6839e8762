/**
 * The discharge / no-criteria-to-reside feed: one row per adult spell once it has a
 * discharge ready date (the day the patient no longer met the criteria to reside) or has been
 * discharged. Daily CSV files (`data/inbox/discharge/discharge-<YYYY-MM-DD>.csv`).
 * A patient still in hospital appears with an empty Discharge_Date_Time; a later file repeats
 * the spell with its discharge: natural key Spell_Id, the later record replaces the earlier.
 *
 * Loading (discharge-feed.ts; read with these columns by csv-feed/read-csv.sql, rules in rules.sql,
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
 * NHS numbers must be 10 digits passing the modulus 11 check ('nhs_number_format',
 * 'nhs_number_checksum'); an empty one is allowed (no patient link). They are replaced by
 * HMAC-SHA256 pseudonyms in DuckDB (nhs_pseudonym, migration 020) and never stored: the raw
 * text of a quarantined row has the number replaced by `**********`.
 * Delay_Reason is matched on its normal form (normalise_delay_reason, migration 020: white
 * space including U+00A0 collapsed, dashes between words as ' – ', trimmed) to a
 * delay_reason text, or may be a delay_reason code; anything else is 'unknown_code'.
 * Ages 18–120 (the return covers adults). Discharge not before admission; the ready date
 * neither before the admission day nor after the discharge day (Europe/London dates);
 * delay_days = discharge day − ready date.
 */
export const dischargeColumns = [
  'Spell_Id', //                  the HL7 PV1-19 visit number of the spell
  'Provider_Code',
  'Site_Code',
  'NHS_Number',
  'Admission_Date_Time', //       ISO 8601 with offset
  'Discharge_Ready_Date', //      YYYY-MM-DD, empty if the patient never stopped meeting the criteria
  'Discharge_Date_Time', //       ISO 8601 with offset, empty while still in hospital
  'Discharge_Pathway', //         0 | 1 | 2 | 3
  'Delay_Reason', //              one of the 38 published reason strings (may carry non-breaking spaces)
  'Local_Authority_Code', //      the patient's local authority of residence (E06…/E08…/E10…)
  'Age_At_Admission',
  'Sex', //                       1 | 2 | 9 | X as in the A&E feed
] as const;
