-- Quarantine the rows that failed a validation rule (reason_code set by the feed's rules.sql,
-- raw_text rebuilt there with the NHS number masked).
INSERT INTO quarantine (file_id, feed, line_number, reason_code, detail, raw_text)
SELECT getvariable('feed_file_id'), getvariable('feed_name'), line, reason_code, detail, raw_text
FROM {{checked}}
WHERE reason_code IS NOT NULL
ORDER BY line;
