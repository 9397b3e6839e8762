-- Every physical line of the file with its 1-based number (header = 1), for quarantine raw
-- text and line numbers. $1: path of the UTF-8 text.
CREATE OR REPLACE TEMP TABLE aem_lines AS
SELECT generate_subscripts(ls, 1)::BIGINT AS line_number, rtrim(unnest(ls), chr(13)) AS raw_text
FROM (SELECT string_split(content, chr(10)) AS ls FROM read_text($1));

-- The data lines DuckDB's reader returned, in order, numbered to match aem_raw.ord: blank
-- lines are skipped by read_csv and rejected lines are not returned. (A quoted field with a
-- line break would shift this pairing; neither published format has one.)
CREATE OR REPLACE TEMP TABLE aem_data_lines AS
SELECT line_number, raw_text, row_number() OVER (ORDER BY line_number) AS ord
FROM aem_lines
WHERE line_number > 1 AND trim(raw_text) <> ''
  AND line_number NOT IN (SELECT line FROM aem_rejects);
