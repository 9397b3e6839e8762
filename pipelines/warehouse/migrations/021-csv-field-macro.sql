-- One CSV field as RFC 4180 writes it: empty for NULL, double-quoted (quotes doubled) when it
-- holds a comma, a quote or a line break. Used to rebuild a quarantined row's raw text from its
-- parsed fields (pipelines/feeds/*/rules.sql).
CREATE MACRO csv_field(x) AS CASE
  WHEN x IS NULL THEN ''
  WHEN regexp_matches(x, '[",\r\n]') THEN '"' || replace(x, '"', '""') || '"'
  ELSE x END;

-- A faster iso_offset_to_utc (migration 020), for millions of values: the shape is checked by
-- position (date, 'T', time, then 'Z' or a ±HH:MM offset) and the cast checks the rest.
-- Still refuses a time without an offset.
CREATE OR REPLACE MACRO iso_offset_to_utc(v) AS CASE
  WHEN v[5] = '-' AND v[8] = '-' AND v[11] = 'T' AND v[14] = ':'
    AND (v[-1] = 'Z' OR v[-6] IN ('+', '-') AND v[-3] = ':')
  THEN try_cast(v AS TIMESTAMPTZ) AT TIME ZONE 'UTC' END;

-- The modulus 11 check of nhs_number_checksum_ok (migration 020) on the number as a BIGINT
-- (the caller has checked it is ten digits): arithmetic instead of ten character extractions.
CREATE MACRO nhs_number_value_checksum_ok(n) AS
  (11 - ((n // 1000000000) * 10 + (n // 100000000 % 10) * 9 + (n // 10000000 % 10) * 8
       + (n // 1000000 % 10) * 7 + (n // 100000 % 10) * 6 + (n // 10000 % 10) * 5
       + (n // 1000 % 10) * 4 + (n // 100 % 10) * 3 + (n // 10 % 10) * 2) % 11) % 11 = n % 10;

-- mask_nhs_numbers (migration 020) applied twice: one pass cannot mask two numbers that share
-- the separator between them (RE2 has no look-ahead), the second pass masks the other.
CREATE OR REPLACE MACRO mask_nhs_numbers(s) AS regexp_replace(regexp_replace(s,
  '(^|[^0-9A-Za-z])([0-9]{9,11}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{4})([^0-9A-Za-z]|$)', '\1**********\3', 'g'),
  '(^|[^0-9A-Za-z])([0-9]{9,11}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{4})([^0-9A-Za-z]|$)', '\1**********\3', 'g');
