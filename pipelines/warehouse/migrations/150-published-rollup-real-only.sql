-- Real and synthetic never mix in the monthly roll-ups: a provider rolls up to its ICS and
-- region only when they are of its own kind (real or synthetic), and only real providers
-- (and codes the org reference does not know, taken as real) roll up to England (ENG).
-- A synthetic provider's monthly file therefore reaches its synthetic ICS and the synthetic
-- region (XRG) and nothing else.
CREATE OR REPLACE VIEW ae_monthly_measures AS
WITH p AS (
  SELECT p.*, coalesce(o.is_synthetic, false) AS is_synthetic,
    coalesce(i.is_synthetic, false) AS ics_synthetic,
    coalesce(r.is_synthetic, false) AS region_synthetic
  FROM ae_monthly_provider_measures p
  LEFT JOIN org o ON o.org_code = p.org_code
  LEFT JOIN org i ON i.org_code = p.ics_code
  LEFT JOIN org r ON r.org_code = p.region_code
),
levels AS (
  SELECT period_start, org_code, org_type AS level, p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported, is_synthetic, ics_synthetic, region_synthetic),
         1 AS providers, source_format, booked_reported, dta_reported
  FROM p
  UNION ALL
  SELECT period_start, ics_code, 'ics', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported, is_synthetic, ics_synthetic, region_synthetic),
         1, source_format, booked_reported, dta_reported
  FROM p WHERE ics_code IS NOT NULL AND ics_synthetic = is_synthetic
  UNION ALL
  SELECT period_start, region_code, 'region', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported, is_synthetic, ics_synthetic, region_synthetic),
         1, source_format, booked_reported, dta_reported
  FROM p WHERE region_code IS NOT NULL AND region_synthetic = is_synthetic
  UNION ALL
  SELECT period_start, 'ENG', 'england', p.* EXCLUDE (period_start, org_code, org_type, ics_code, region_code, source_format, booked_reported, dta_reported, is_synthetic, ics_synthetic, region_synthetic),
         1, source_format, booked_reported, dta_reported
  FROM p WHERE NOT is_synthetic
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
