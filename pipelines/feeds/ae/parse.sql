-- Reads one A&E file (format.ts) into staging with DuckDB's CSV reader: every column as
-- VARCHAR so a bad value is a rule failure with its reason, not a cast error; lines that do
-- not split into the 21 columns go to the rejects table with their line number and text.
CREATE TEMP TABLE {{raw}} AS
SELECT *
FROM read_csv(
  getvariable('feed_path'),
  header = true,
  auto_detect = false,
  delim = ',',
  quote = '"',
  escape = '"',
  store_rejects = true,
  rejects_table = getvariable('feed_rejects'),
  rejects_scan = getvariable('feed_scan'),
  columns = {
    'EC_Ident': 'VARCHAR',
    'Provider_Code': 'VARCHAR',
    'Site_Code': 'VARCHAR',
    'EC_Department_Type': 'VARCHAR',
    'EC_Attendance_Category': 'VARCHAR',
    'EC_Arrival_Date_Time': 'VARCHAR',
    'EC_Arrival_Mode': 'VARCHAR',
    'EC_Attendance_Source': 'VARCHAR',
    'EC_Booked_Appointment': 'VARCHAR',
    'EC_Acuity': 'VARCHAR',
    'Ambulance_Handover_Date_Time': 'VARCHAR',
    'EC_Initial_Assessment_Date_Time': 'VARCHAR',
    'EC_Seen_For_Treatment_Date_Time': 'VARCHAR',
    'EC_Decision_To_Admit_Date_Time': 'VARCHAR',
    'EC_Departure_Date_Time': 'VARCHAR',
    'EC_Discharge_Status': 'VARCHAR',
    'Age_At_Arrival': 'VARCHAR',
    'Sex': 'VARCHAR',
    'Ethnic_Category': 'VARCHAR',
    'LSOA_Code': 'VARCHAR',
    'NHS_Number': 'VARCHAR'
  }
);
