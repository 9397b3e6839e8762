/**
 * The discharge / no-criteria-to-reside feed: one row per adult spell once it has a
 * discharge ready date (the day the patient no longer met the criteria to reside) or has been
 * discharged. Daily CSV files (`data/inbox/discharge/discharge-<YYYY-MM-DD>.csv`).
 * A patient still in hospital appears with an empty Discharge_Date_Time; a later file repeats
 * the spell with its discharge: natural key Spell_Id, the later record replaces the earlier.
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
