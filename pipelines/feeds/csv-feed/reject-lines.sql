-- Lines DuckDB's CSV reader could not split into the contract's columns. Its rejects table
-- can hold several rows for one line: keep one per line, the first error by column.
CREATE TEMP TABLE {{reject_lines}} AS
SELECT
  line,
  arg_min(error_type, column_idx) AS error_type,
  arg_min(error_message, column_idx) AS error_message,
  arg_min(csv_line, column_idx) AS csv_line
FROM {{rejects}}
GROUP BY line;
