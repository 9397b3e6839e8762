-- NHS-R ae_attendances rows (period, org_code, type, attendances, breaches, admissions), typed
-- from all-VARCHAR aem_raw (column00 … column05) and checked; good rows pivot to one
-- ae_monthly row per period × org.
CREATE OR REPLACE TEMP TABLE aem_rows AS
WITH typed AS (
  SELECT r.ord, l.line_number,
    coalesce(l.raw_text, concat_ws(',', r.column00, r.column01, r.column02, r.column03, r.column04, r.column05)) AS raw_text,
    CASE WHEN regexp_full_match(trim(coalesce(r.column00, '')), '\d{4}-\d{2}-01') THEN try_cast(trim(r.column00) AS DATE) END AS period_start,
    nullif(upper(trim(r.column01)), '') AS org_code,
    lower(trim(coalesce(r.column02, ''))) AS type_text,
    [r.column03, r.column04, r.column05].list_transform(x -> nullif(trim(coalesce(x, '')), '')) AS count_text
  FROM aem_raw r
  LEFT JOIN aem_data_lines l ON l.ord = r.ord
),
checked AS (
  SELECT t.*,
    t.count_text.list_transform(x -> CASE WHEN regexp_full_match(x, '\d{1,15}') THEN x::BIGINT END) AS counts,
    list_filter(range(1, 4), i -> t.count_text[i] IS NULL OR NOT regexp_full_match(t.count_text[i], '\d{1,15}'))
      .list_transform(i -> (['attendances', 'breaches', 'admissions'])[i] || '=' || coalesce(t.count_text[i], 'empty')) AS bad_counts
  FROM typed t
),
reasoned AS (
  SELECT *,
    CASE
      WHEN period_start IS NULL THEN 'bad_period'
      WHEN org_code IS NULL THEN 'missing_org_code'
      WHEN type_text NOT IN ('1', '2', 'other') THEN 'bad_type'
      WHEN len(bad_counts) > 0 THEN 'bad_count'
      WHEN counts[2] > counts[1] THEN 'over4h_exceeds_attendances'
    END AS rule_reason,
    CASE
      WHEN period_start IS NULL THEN 'period ''' || split_part(raw_text, ',', 1) || ''''
      WHEN org_code IS NULL THEN NULL
      WHEN type_text NOT IN ('1', '2', 'other') THEN 'type ''' || type_text || ''''
      WHEN len(bad_counts) > 0 THEN array_to_string(bad_counts, '; ')
      WHEN counts[2] > counts[1] THEN 'breaches ' || counts[2] || ' > attendances ' || counts[1]
    END AS rule_detail
  FROM checked
),
ranked AS (
  SELECT ord,
    row_number() OVER w AS nth,
    first_value(line_number) OVER w AS first_line,
    first_value(counts) OVER w AS first_counts
  FROM reasoned
  WHERE rule_reason IS NULL
  WINDOW w AS (PARTITION BY period_start, org_code, type_text ORDER BY ord)
)
SELECT r.* EXCLUDE (rule_reason, rule_detail),
  coalesce(r.rule_reason, CASE WHEN k.nth > 1 AND k.first_counts IS DISTINCT FROM r.counts THEN 'conflicting_row_in_file' END) AS reason_code,
  coalesce(r.rule_detail, CASE WHEN k.nth > 1 THEN 'same period, org and type as line ' || k.first_line END) AS detail,
  coalesce(k.nth > 1 AND k.first_counts IS NOT DISTINCT FROM r.counts, false) AS is_repeat
FROM reasoned r
LEFT JOIN ranked k ON k.ord = r.ord;

CREATE OR REPLACE TEMP TABLE aem_status AS
SELECT line_number, raw_text,
  CASE WHEN reason_code IS NOT NULL THEN 'quarantined' WHEN is_repeat THEN 'duplicate' ELSE 'candidate' END AS status,
  reason_code, detail
FROM aem_rows;

CREATE OR REPLACE TEMP TABLE aem_good AS
SELECT period_start, org_code, NULL::VARCHAR AS parent_org, NULL::VARCHAR AS org_name,
  max(counts[1]) FILTER (WHERE type_text = '1') AS att_type1,
  max(counts[1]) FILTER (WHERE type_text = '2') AS att_type2,
  max(counts[1]) FILTER (WHERE type_text = 'other') AS att_other,
  NULL::BIGINT AS att_booked_type1, NULL::BIGINT AS att_booked_type2, NULL::BIGINT AS att_booked_other,
  max(counts[2]) FILTER (WHERE type_text = '1') AS over4h_type1,
  max(counts[2]) FILTER (WHERE type_text = '2') AS over4h_type2,
  max(counts[2]) FILTER (WHERE type_text = 'other') AS over4h_other,
  NULL::BIGINT AS over4h_booked_type1, NULL::BIGINT AS over4h_booked_type2, NULL::BIGINT AS over4h_booked_other,
  NULL::BIGINT AS dta_4_12h, NULL::BIGINT AS dta_12h_plus,
  max(counts[3]) FILTER (WHERE type_text = '1') AS emergency_admissions_type1,
  max(counts[3]) FILTER (WHERE type_text = '2') AS emergency_admissions_type2,
  max(counts[3]) FILTER (WHERE type_text = 'other') AS emergency_admissions_other,
  NULL::BIGINT AS other_emergency_admissions,
  'nhsr' AS source_format, min(line_number) AS source_line, list(line_number ORDER BY line_number) AS lines
FROM aem_rows
WHERE reason_code IS NULL AND NOT is_repeat
GROUP BY period_start, org_code;
