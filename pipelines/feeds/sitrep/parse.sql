-- Reads one bed sitrep file (format.ts) into staging with DuckDB's CSV reader: every column
-- as VARCHAR so a bad value is a rule failure with its reason, not a cast error; lines that do
-- not split into the 11 columns go to the rejects table with their line number and text.
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
    'Snapshot_Date': 'VARCHAR',
    'Provider_Code': 'VARCHAR',
    'Site_Code': 'VARCHAR',
    'Bed_Type': 'VARCHAR',
    'Core_Beds_Available': 'VARCHAR',
    'Escalation_Beds_Available': 'VARCHAR',
    'Beds_Occupied': 'VARCHAR',
    'Void_Beds': 'VARCHAR',
    'LoS_7_Plus': 'VARCHAR',
    'LoS_14_Plus': 'VARCHAR',
    'LoS_21_Plus': 'VARCHAR'
  }
);
