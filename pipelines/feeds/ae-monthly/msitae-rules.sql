-- MSitAE provider rows: typed from all-VARCHAR aem_raw (column00 … column21, extra) and checked.
-- Produces aem_rows (one per data line) with reason_code NULL for a good row.
CREATE OR REPLACE TEMP TABLE aem_typed AS
SELECT
  r.ord,
  l.line_number,
  coalesce(l.raw_text, concat_ws(',', r.column00, r.column01, r.column02, r.column03)) AS raw_text,
  upper(trim(r.column00)) = 'TOTAL' OR upper(trim(r.column01)) = 'TOTAL' AS is_total,
  try_strptime('01-' || regexp_extract(trim(r.column00), '^msitae-([a-z]+)-(\d{4})$', 1, 'i') || '-'
               || regexp_extract(trim(r.column00), '^msitae-([a-z]+)-(\d{4})$', 2, 'i'), '%d-%B-%Y')::DATE AS period_start,
  nullif(upper(trim(r.column01)), '') AS org_code,
  nullif(trim(r.column02), '') AS parent_org,
  nullif(trim(r.column03), '') AS org_name,
  [r.column04, r.column05, r.column06, r.column07, r.column08, r.column09, r.column10, r.column11, r.column12,
   r.column13, r.column14, r.column15, r.column16, r.column17, r.column18, r.column19, r.column20, r.column21]
    .list_transform(x -> nullif(replace(trim(coalesce(x, '')), ',', ''), '')) AS count_text,
  trim(coalesce(r.extra, '')) AS extra
FROM aem_raw r
LEFT JOIN aem_data_lines l ON l.ord = r.ord;

CREATE OR REPLACE TEMP TABLE aem_checked AS
WITH names AS (
  SELECT ['att_type1', 'att_type2', 'att_other', 'att_booked_type1', 'att_booked_type2', 'att_booked_other',
          'over4h_type1', 'over4h_type2', 'over4h_other', 'over4h_booked_type1', 'over4h_booked_type2',
          'over4h_booked_other', 'dta_4_12h', 'dta_12h_plus', 'emergency_admissions_type1',
          'emergency_admissions_type2', 'emergency_admissions_other', 'other_emergency_admissions'] AS n
),
counted AS (
  SELECT t.*, t.count_text.list_transform(x -> CASE WHEN regexp_full_match(x, '\d{1,15}') THEN x::BIGINT END) AS counts
  FROM aem_typed t
)
SELECT c.*,
  list_filter(range(1, 19), i -> c.count_text[i] IS NOT NULL AND c.counts[i] IS NULL)
    .list_transform(i -> names.n[i] || '=' || c.count_text[i]) AS bad_counts,
  list_filter(range(1, 7), i -> c.counts[i + 6] > c.counts[i])
    .list_transform(i -> names.n[i + 6] || ' ' || c.counts[i + 6] || ' > ' || names.n[i] || ' ' || c.counts[i]) AS over_att
FROM counted c, names;

CREATE OR REPLACE TEMP TABLE aem_rows AS
WITH reasoned AS (
  SELECT *,
    CASE
      WHEN is_total THEN NULL
      WHEN period_start IS NULL THEN 'bad_period'
      WHEN org_code IS NULL THEN 'missing_org_code'
      WHEN len(bad_counts) > 0 THEN 'bad_count'
      WHEN len(over_att) > 0 THEN 'over4h_exceeds_attendances'
      WHEN extra <> '' THEN 'extra_column_value'
    END AS rule_reason,
    CASE
      WHEN is_total THEN NULL
      WHEN period_start IS NULL THEN 'Period ''' || coalesce(split_part(raw_text, ',', 1), '') || ''''
      WHEN org_code IS NULL THEN NULL
      WHEN len(bad_counts) > 0 THEN array_to_string(bad_counts, '; ')
      WHEN len(over_att) > 0 THEN array_to_string(over_att, '; ')
      WHEN extra <> '' THEN 'extra columns hold ''' || extra || ''''
    END AS rule_detail
  FROM aem_checked
),
ranked AS (
  SELECT *,
    row_number() OVER (PARTITION BY period_start, org_code ORDER BY ord) AS nth,
    first_value(line_number) OVER (PARTITION BY period_start, org_code ORDER BY ord) AS first_line,
    first_value(struct_pack(parent_org, org_name, counts)) OVER (PARTITION BY period_start, org_code ORDER BY ord) AS first_content
  FROM reasoned
  WHERE NOT is_total AND rule_reason IS NULL
)
SELECT r.* EXCLUDE (rule_reason, rule_detail),
  coalesce(r.rule_reason, CASE WHEN k.nth > 1 AND k.first_content IS DISTINCT FROM struct_pack(r.parent_org, r.org_name, r.counts)
                               THEN 'conflicting_row_in_file' END) AS reason_code,
  coalesce(r.rule_detail, CASE WHEN k.nth > 1 THEN 'same period and org as line ' || k.first_line END) AS detail,
  coalesce(k.nth > 1 AND k.first_content IS NOT DISTINCT FROM struct_pack(r.parent_org, r.org_name, r.counts), false) AS is_repeat
FROM reasoned r
LEFT JOIN ranked k ON k.ord = r.ord;

-- The totals row(s): equal to the sum of the provider rows whose counts are readable?
CREATE OR REPLACE TEMP TABLE aem_totals AS
WITH sums AS (
  SELECT i, sum(counts[i]) AS total
  FROM aem_rows, range(1, 19) AS t(i)
  WHERE NOT is_total AND NOT is_repeat AND len(bad_counts) = 0 AND reason_code IS DISTINCT FROM 'conflicting_row_in_file'
  GROUP BY i
)
SELECT r.line_number, r.raw_text,
  string_agg(CASE WHEN r.counts[s.i] IS DISTINCT FROM s.total
                  THEN (['att_type1', 'att_type2', 'att_other', 'att_booked_type1', 'att_booked_type2', 'att_booked_other',
                         'over4h_type1', 'over4h_type2', 'over4h_other', 'over4h_booked_type1', 'over4h_booked_type2',
                         'over4h_booked_other', 'dta_4_12h', 'dta_12h_plus', 'emergency_admissions_type1',
                         'emergency_admissions_type2', 'emergency_admissions_other', 'other_emergency_admissions'])[s.i]
                       || ': total ' || coalesce(r.count_text[s.i], 'empty') || ', rows sum to ' || coalesce(s.total, 0) END,
             '; ' ORDER BY s.i) AS mismatch
FROM aem_rows r, range(1, 19) AS t(i)
LEFT JOIN sums s ON s.i = t.i
WHERE r.is_total
GROUP BY r.ord, r.line_number, r.raw_text;

CREATE OR REPLACE TEMP TABLE aem_status AS
SELECT line_number, raw_text,
  CASE WHEN reason_code IS NOT NULL THEN 'quarantined' WHEN is_repeat THEN 'duplicate' ELSE 'candidate' END AS status,
  reason_code, detail
FROM aem_rows WHERE NOT is_total
UNION ALL
SELECT line_number, raw_text,
  CASE WHEN mismatch IS NULL THEN 'footer' ELSE 'quarantined' END,
  CASE WHEN mismatch IS NOT NULL THEN 'totals_mismatch' END, mismatch
FROM aem_totals;

CREATE OR REPLACE TEMP TABLE aem_good AS
SELECT period_start, org_code, parent_org, org_name,
  counts[1] AS att_type1, counts[2] AS att_type2, counts[3] AS att_other,
  counts[4] AS att_booked_type1, counts[5] AS att_booked_type2, counts[6] AS att_booked_other,
  counts[7] AS over4h_type1, counts[8] AS over4h_type2, counts[9] AS over4h_other,
  counts[10] AS over4h_booked_type1, counts[11] AS over4h_booked_type2, counts[12] AS over4h_booked_other,
  counts[13] AS dta_4_12h, counts[14] AS dta_12h_plus,
  counts[15] AS emergency_admissions_type1, counts[16] AS emergency_admissions_type2,
  counts[17] AS emergency_admissions_other, counts[18] AS other_emergency_admissions,
  'msitae' AS source_format, line_number AS source_line, [line_number] AS lines
FROM aem_rows
WHERE NOT is_total AND reason_code IS NULL AND NOT is_repeat;
