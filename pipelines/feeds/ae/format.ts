/**
 * The A&E feed: ECDS-style patient-level attendances, one CSV file per hour of activity
 * (`data/inbox/ae/<site>-<YYYYMMDDTHH>.csv` from the simulator; any name is accepted).
 *
 * UTF-8 (a BOM is tolerated; Windows-1252 is detected and decoded), comma separated,
 * RFC 4180 quoting, one header row with exactly these columns in this order.
 * Date-times are ISO 8601 local times with their UTC offset (`2025-03-30T01:15:00+00:00`),
 * so the hour repeated when the clocks go back is unambiguous. Empty cell = not recorded.
 * Natural key: EC_Ident. A later row with the same EC_Ident is a correction and replaces the
 * earlier one.
 *
 * Loading (ae-feed.ts; read with these columns by csv-feed/read-csv.sql, rules in rules.sql,
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
 * Rules beyond codes and types: the site must be a site of Provider_Code ('unknown_site',
 * 'site_provider_mismatch'); age 0–120; departure not before arrival; handover, initial
 * assessment, seen and decision to admit neither before arrival nor after departure. An
 * unknown LSOA is not an error: the attendance loads with imd_decile NULL.
 */
export const aeColumns = [
  'EC_Ident', //                        attendance id, unique within the ICS
  'Provider_Code', //                   trust ODS code (3 characters)
  'Site_Code', //                       site ODS code (5 characters)
  'EC_Department_Type', //              01 | 02 | 03 | 04 | 05 (SDEC)
  'EC_Attendance_Category', //          1 unplanned first | 2 unplanned follow-up same dept | 3 unplanned follow-up other dept | 4 planned follow-up
  'EC_Arrival_Date_Time', //            ISO 8601 with offset
  'EC_Arrival_Mode', //                 AMB road ambulance | AIR air ambulance | WALK own transport | POL police | OTH other
  'EC_Attendance_Source', //            SELF | NHS111_ONLINE | NHS111_PHONE | GP | AMB | OTH
  'EC_Booked_Appointment', //           Y | N
  'EC_Acuity', //                       1 immediate … 5 non-urgent
  'Ambulance_Handover_Date_Time', //    clinical handover (ambulance arrivals only)
  'EC_Initial_Assessment_Date_Time',
  'EC_Seen_For_Treatment_Date_Time',
  'EC_Decision_To_Admit_Date_Time',
  'EC_Departure_Date_Time',
  'EC_Discharge_Status', //             ADM admitted | DIS discharged | TRF transferred | LBT left before treatment | DIED
  'Age_At_Arrival', //                  whole years, 0–120
  'Sex', //                             1 male | 2 female | 9 indeterminate | X not known
  'Ethnic_Category', //                 NHS ethnic category A … Z, 99
  'LSOA_Code', //                       LSOA 2011 or 2021 code (E01…)
  'NHS_Number', //                      10 digits, modulus 11; pseudonymised at ingest
] as const;

export type AeColumn = (typeof aeColumns)[number];
