-- iso_offset_to_utc (migrations 020, 021) without ICU: `AT TIME ZONE 'UTC'` goes through
-- ICU's calendar per value (DuckDB 1.5) and cost three times the parse itself; the UTC
-- TIMESTAMP is the TIMESTAMPTZ's own microseconds since the epoch. Same results.
CREATE OR REPLACE MACRO iso_offset_to_utc(v) AS CASE
  WHEN v[5] = '-' AND v[8] = '-' AND v[11] = 'T' AND v[14] = ':'
    AND (v[-1] = 'Z' OR v[-6] IN ('+', '-') AND v[-3] = ':')
  THEN make_timestamp(epoch_us(try_cast(v AS TIMESTAMPTZ))) END;
