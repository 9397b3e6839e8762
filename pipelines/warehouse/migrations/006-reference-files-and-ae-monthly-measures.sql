-- The reference CSVs the seed step last loaded (pipelines/warehouse/seed-reference.ts):
-- a table is reloaded only when the set of its files or one of their checksums changes.
CREATE TABLE reference_file (
  file_name   VARCHAR PRIMARY KEY,   -- e.g. 'org.national.csv', 'lsoa.synthetic.csv'
  table_name  VARCHAR NOT NULL,
  sha256      VARCHAR NOT NULL,
  rows_loaded BIGINT NOT NULL,
  loaded_at   TIMESTAMP NOT NULL
);

-- Monthly A&E figures at month grain for every provider in ae_monthly and their roll-ups to
-- ICS (ICB), region and England (ENG) through the org hierarchy. Counts are summed with
-- NULL as 0 (NHS-R rows carry no booked or decision-to-admit columns: see *_reported).
-- A provider missing from org still counts towards ENG, but not towards an ICS or region.
-- 4-hour performance (NHS-DATA.md) = 1 - over4h_all / attendances_all, booked included.
CREATE VIEW ae_monthly_provider_measures AS
SELECT
  m.period_start,
  m.org_code,
  coalesce(o.org_type, 'trust') AS org_type,
  o.ics_code,
  o.region_code,
  m.source_format,
  coalesce(m.att_type1, 0) + coalesce(m.att_type2, 0) + coalesce(m.att_other, 0)
    + coalesce(m.att_booked_type1, 0) + coalesce(m.att_booked_type2, 0) + coalesce(m.att_booked_other, 0) AS attendances_all,
  coalesce(m.over4h_type1, 0) + coalesce(m.over4h_type2, 0) + coalesce(m.over4h_other, 0)
    + coalesce(m.over4h_booked_type1, 0) + coalesce(m.over4h_booked_type2, 0) + coalesce(m.over4h_booked_other, 0) AS over4h_all,
  coalesce(m.att_type1, 0) + coalesce(m.att_booked_type1, 0) AS attendances_type1,
  coalesce(m.over4h_type1, 0) + coalesce(m.over4h_booked_type1, 0) AS over4h_type1,
  coalesce(m.att_type2, 0) + coalesce(m.att_booked_type2, 0) AS attendances_type2,
  coalesce(m.over4h_type2, 0) + coalesce(m.over4h_booked_type2, 0) AS over4h_type2,
  coalesce(m.att_other, 0) + coalesce(m.att_booked_other, 0) AS attendances_other,
  coalesce(m.over4h_other, 0) + coalesce(m.over4h_booked_other, 0) AS over4h_other,
  coalesce(m.att_booked_type1, 0) + coalesce(m.att_booked_type2, 0) + coalesce(m.att_booked_other, 0) AS attendances_booked,
  coalesce(m.dta_4_12h, 0) + coalesce(m.dta_12h_plus, 0) AS dta_over4h,
  coalesce(m.dta_12h_plus, 0) AS dta_12h_plus,
  coalesce(m.emergency_admissions_type1, 0) + coalesce(m.emergency_admissions_type2, 0)
    + coalesce(m.emergency_admissions_other, 0) AS emergency_admissions_via_ae,
  coalesce(m.emergency_admissions_type1, 0) AS emergency_admissions_type1,
  coalesce(m.other_emergency_admissions, 0) AS other_emergency_admissions,
  (m.att_booked_type1 IS NOT NULL OR m.att_booked_type2 IS NOT NULL OR m.att_booked_other IS NOT NULL) AS booked_reported,
  (m.dta_4_12h IS NOT NULL OR m.dta_12h_plus IS NOT NULL) AS dta_reported
FROM ae_monthly m
LEFT JOIN org o ON o.org_code = m.org_code;

CREATE VIEW ae_monthly_measures AS
WITH p AS (SELECT * FROM ae_monthly_provider_measures),
levels AS (
  SELECT period_start, org_code, org_type AS level, p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported),
         1 AS providers, source_format, booked_reported, dta_reported
  FROM p
  UNION ALL
  SELECT period_start, ics_code, 'ics', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported),
         1, source_format, booked_reported, dta_reported
  FROM p WHERE ics_code IS NOT NULL
  UNION ALL
  SELECT period_start, region_code, 'region', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported),
         1, source_format, booked_reported, dta_reported
  FROM p WHERE region_code IS NOT NULL
  UNION ALL
  SELECT period_start, 'ENG', 'england', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported),
         1, source_format, booked_reported, dta_reported
  FROM p
)
SELECT
  period_start,
  org_code,
  any_value(level) AS org_level,            -- trust (provider), ics, region, england
  sum(providers)::BIGINT AS providers,
  sum(attendances_all)::BIGINT AS attendances_all,
  sum(over4h_all)::BIGINT AS over4h_all,
  sum(attendances_type1)::BIGINT AS attendances_type1,
  sum(over4h_type1)::BIGINT AS over4h_type1,
  sum(attendances_type2)::BIGINT AS attendances_type2,
  sum(over4h_type2)::BIGINT AS over4h_type2,
  sum(attendances_other)::BIGINT AS attendances_other,
  sum(over4h_other)::BIGINT AS over4h_other,
  sum(attendances_booked)::BIGINT AS attendances_booked,
  sum(dta_over4h)::BIGINT AS dta_over4h,
  sum(dta_12h_plus)::BIGINT AS dta_12h_plus,
  sum(emergency_admissions_via_ae)::BIGINT AS emergency_admissions_via_ae,
  sum(emergency_admissions_type1)::BIGINT AS emergency_admissions_type1,
  sum(other_emergency_admissions)::BIGINT AS other_emergency_admissions,
  string_agg(DISTINCT source_format, ',' ORDER BY source_format) AS source_formats,
  bool_or(booked_reported) AS booked_reported,
  bool_or(dta_reported) AS dta_reported
FROM levels
GROUP BY period_start, org_code;

-- Organisation codes in ae_monthly that the org reference does not know (loaded, reported).
CREATE VIEW ae_monthly_unmapped_org AS
SELECT m.org_code, any_value(m.org_name) AS org_name, any_value(m.parent_org) AS parent_org,
       min(m.period_start) AS first_period, max(m.period_start) AS last_period, count(*) AS months
FROM ae_monthly m
LEFT JOIN org o ON o.org_code = m.org_code
WHERE o.org_code IS NULL
GROUP BY m.org_code;
