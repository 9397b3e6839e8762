-- Reads one discharge / no-criteria-to-reside file (format.ts) into staging with DuckDB's CSV
-- reader: every column as VARCHAR so a bad value is a rule failure with its reason, not a
-- cast error; lines that do not split into the 12 columns go to the rejects table.
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
    'Spell_Id': 'VARCHAR',
    'Provider_Code': 'VARCHAR',
    'Site_Code': 'VARCHAR',
    'NHS_Number': 'VARCHAR',
    'Admission_Date_Time': 'VARCHAR',
    'Discharge_Ready_Date': 'VARCHAR',
    'Discharge_Date_Time': 'VARCHAR',
    'Discharge_Pathway': 'VARCHAR',
    'Delay_Reason': 'VARCHAR',
    'Local_Authority_Code': 'VARCHAR',
    'Age_At_Admission': 'VARCHAR',
    'Sex': 'VARCHAR'
  }
);
