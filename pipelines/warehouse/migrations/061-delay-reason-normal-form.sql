-- One normal form for discharge delay reasons, the same as the reference build's
-- normaliseDelayReason (pipelines/warehouse/reference/normalise-delay-reason.ts): any Unicode
-- space → ' '; a '?' left where a non-breaking space was lost ('underway?(Pathway 1 or 3)')
-- → ' '; every dash → '-'; no space around '/'; the family separator written ' - '.
CREATE OR REPLACE MACRO normalise_delay_reason(s) AS trim(regexp_replace(regexp_replace(regexp_replace(
  regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    s,
    '[\s\x{00A0}\x{1680}\x{2000}-\x{200B}\x{202F}\x{205F}\x{3000}\x{FEFF}]+', ' ', 'g'),
    '\?\s*\(', ' (', 'g'),
    '\?\s*$', ''),
    '[\x{2010}-\x{2015}\x{2212}]', '-', 'g'),
    '\s*/\s*', '/', 'g'),
  '^\s*(Hospital process|Care transfer hub process|Capacity|Interface process|Wellbeing concerns)\s*-\s*', '\1 - ', 'i'),
  ' +', ' ', 'g'));
