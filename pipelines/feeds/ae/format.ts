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

export const arrivalModes = {
  AMB: 'ambulance',
  AIR: 'ambulance',
  WALK: 'walk_in',
  POL: 'other',
  OTH: 'other',
} as const;
export const attendanceSources = {
  SELF: 'self',
  NHS111_ONLINE: 'nhs111_online',
  NHS111_PHONE: 'nhs111_phone',
  GP: 'gp',
  AMB: 'ambulance',
  OTH: 'other',
} as const;
export const dischargeStatuses = {
  ADM: 'admitted',
  DIS: 'discharged',
  TRF: 'transferred',
  LBT: 'left_before_treatment',
  DIED: 'died',
} as const;
export const sexCodes = { '1': 'M', '2': 'F', '9': 'X', X: 'U' } as const;
