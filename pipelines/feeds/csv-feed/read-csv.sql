-- Reads one CSV feed file into staging with DuckDB's CSV reader, with the columns of the
-- feed's format.ts (getvariable('feed_columns'), every one VARCHAR, set by loadCsvFeed): a bad
-- value is then a rule failure with its reason, not a cast error; lines that do not split into
-- the columns go to the rejects table with their line number and text.
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
  columns = getvariable('feed_columns')
);
