-- Quarantine the lines the CSV reader rejected. The last line of the file with too few
-- columns is a truncated row (the file was cut short); any other is a malformed row.
-- The raw text is masked: a malformed line cannot be split, so any NHS-number-like digits go.
INSERT INTO quarantine (file_id, feed, line_number, reason_code, detail, raw_text)
SELECT
  getvariable('feed_file_id'),
  getvariable('feed_name'),
  line,
  CASE
    WHEN error_type = 'MISSING COLUMNS' AND line >= getvariable('feed_last_line') THEN 'truncated_row'
    ELSE 'malformed_row'
  END,
  error_type || ': ' || error_message,
  mask_nhs_numbers(csv_line)
FROM {{reject_lines}}
ORDER BY line;
