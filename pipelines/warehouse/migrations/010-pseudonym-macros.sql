-- NHS number validity for SQL. The pseudonym macro itself, nhs_pseudonym(n, ipad_hex,
-- opad_hex), is in 020-feed-macros.sql; pipelines/ingest/pseudonym-params.ts computes the
-- pads so the key never enters SQL text or the warehouse.

-- NHS number check (NHS-DATA.md): exactly 10 ASCII digits; weights 10..2 on the first nine;
-- check digit = 11 − (sum mod 11), 11 → 0, 10 → invalid (no digit equals 10).
-- NULL or malformed in, false out.
CREATE MACRO nhs_number_valid(s) AS
  CASE
    WHEN s IS NULL OR NOT regexp_full_match(s, '[0-9]{10}') THEN false
    ELSE (11 - list_sum(list_transform(range(9), i -> (10 - i) * (ord(s[i + 1]) - 48))) % 11) % 11
      = ord(s[10]) - 48
  END;
