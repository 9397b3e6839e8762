-- SQL macros shared by the CSV feed loaders (pipelines/feeds/{ae,sitrep,discharge}) and the
-- reference data. Pure functions of their arguments; nothing here stores a key or a number.

-- The normal form of a discharge delay reason. The published strings carry non-breaking
-- spaces, en dashes, hyphens used as dashes and odd spacing ("process– Awaiting",
-- "Interface\u00A0process - …"). Normal form: every run of white space (including U+00A0,
-- U+2000–U+200B, U+202F, U+205F, U+3000, U+FEFF) becomes one space; a dash (hyphen-minus,
-- U+2010–U+2015, U+2212) with a space on at least one side becomes ' – ' (space, en dash,
-- space); leading and trailing spaces are trimmed. Case is kept, and a dash inside a word or
-- a range ('Home-based', 'Pathway 1-3') is kept. Compare normalise_delay_reason(a) with
-- normalise_delay_reason(b) on both sides.
CREATE MACRO normalise_delay_reason(s) AS trim(regexp_replace(
  regexp_replace(s, '[\s\x{00A0}\x{2000}-\x{200B}\x{202F}\x{205F}\x{3000}\x{FEFF}]+', ' ', 'g'),
  ' ?[-\x{2010}-\x{2015}\x{2212}] | [-\x{2010}-\x{2015}\x{2212}] ?', ' – ', 'g'));

-- NHS number modulus 11 check (NHS-DATA.md): weights 10..2 on the first nine digits,
-- check = 11 − (sum mod 11), 11 → 0, 10 → invalid. Expects ten ASCII digits.
CREATE MACRO nhs_number_checksum_ok(n) AS
  (11 - ((ascii(n[1]) - 48) * 10 + (ascii(n[2]) - 48) * 9 + (ascii(n[3]) - 48) * 8
       + (ascii(n[4]) - 48) * 7 + (ascii(n[5]) - 48) * 6 + (ascii(n[6]) - 48) * 5
       + (ascii(n[7]) - 48) * 4 + (ascii(n[8]) - 48) * 3 + (ascii(n[9]) - 48) * 2) % 11) % 11
  = ascii(n[10]) - 48;

-- The patient pseudonym: lowercase hex HMAC-SHA256(key, ASCII NHS number) (RFC 2104), given
-- the key's inner and outer pads (key padded to 64 bytes, XOR 0x36 / 0x5c) as hex. The
-- caller computes the pads from the configured key; the key itself never enters SQL text.
CREATE MACRO nhs_pseudonym(n, ipad_hex, opad_hex) AS
  sha256(unhex(opad_hex) || unhex(sha256(unhex(ipad_hex) || encode(n))));

-- NHS ethnic category → group for small areas (NHS-DATA.md, Inequality).
CREATE MACRO ethnic_group_of(c) AS CASE
  WHEN c IN ('A', 'B', 'C') THEN 'White'
  WHEN c IN ('D', 'E', 'F', 'G') THEN 'Mixed'
  WHEN c IN ('H', 'J', 'K', 'L') THEN 'Asian'
  WHEN c IN ('M', 'N', 'P') THEN 'Black'
  WHEN c IN ('R', 'S') THEN 'Other'
  ELSE 'Unknown' END;

-- ISO 8601 date-time with a UTC offset ('2025-03-30T01:15:00+00:00', '…Z') → UTC TIMESTAMP;
-- NULL when the text is not of that form or is not a real instant. A value without an
-- offset is refused: local times are ambiguous in the hour the clocks go back.
CREATE MACRO iso_offset_to_utc(v) AS CASE
  WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})')
  THEN try_cast(v AS TIMESTAMPTZ) AT TIME ZONE 'UTC' END;

-- A UTC TIMESTAMP's calendar day in Europe/London, as 'YYYY-MM-DD'.
CREATE MACRO london_day(ts) AS strftime(timezone('Europe/London', timezone('UTC', ts)), '%Y-%m-%d');

-- Masks anything in free text that could be an NHS number (9–11 digits in a row, or
-- 3-3-4 digit groups split by spaces or hyphens) as '**********'. Used on the raw text of
-- lines that could not be parsed into columns, before it is stored in quarantine.
CREATE MACRO mask_nhs_numbers(s) AS regexp_replace(s,
  '(^|[^0-9A-Za-z])([0-9]{9,11}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{4})([^0-9A-Za-z]|$)', '\1**********\3', 'g');
