-- iso_offset_to_utc (migrations 020–022) with its shape checked by two LIKE patterns instead of
-- seven character extractions (each a substring, several counting from the end): half the
-- cost on the A&E feed's six date-times a row. Same shape (date, 'T', HH:MM, then 'Z' or a
-- ±HH:MM offset), same cast, same results (test/pipelines/feeds/shared/iso-offset-to-utc.test.ts).
CREATE OR REPLACE MACRO iso_offset_to_utc(v) AS CASE
  WHEN v LIKE '____-__-__T__:__%' AND (v LIKE '%Z' OR v LIKE '%+__:__' OR v LIKE '%-__:__')
  THEN make_timestamp(epoch_us(try_cast(v AS TIMESTAMPTZ))) END;
