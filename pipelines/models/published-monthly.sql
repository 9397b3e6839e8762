-- Month-grain values from NHS England's published monthly A&E data (ae_monthly_measures:
-- providers, ICBs, regions, ENG) for the keys in _affected_key. Feed-derived values win:
-- a key the feeds produced in this refresh (_fresh_value) is not overwritten. 4-hour performance counts
-- booked appointments (docs/nhs-data.md, NHS England monthly A&E publication); type 1 = type 1 incl. booked type 1;
-- ae_12h_from_dta_share = 12h+ from DTA ÷ emergency admissions via A&E.
WITH m AS (
  SELECT m.* FROM ae_monthly_measures m
  SEMI JOIN _affected_key k ON k.org_code = m.org_code AND k.grain = 'month'
    AND k.period_start = CAST(m.period_start AS TIMESTAMP)
),
measures AS (
  SELECT org_code, CAST(period_start AS TIMESTAMP) AS period_start, unnest([
    {id: 'ae_attendances', n: attendances_all, d: NULL, ok: true},
    {id: 'ae_4h_performance', n: attendances_all - over4h_all, d: attendances_all, ok: true},
    {id: 'ae_4h_performance_type1', n: attendances_type1 - over4h_type1, d: attendances_type1, ok: true},
    {id: 'ae_12h_from_dta', n: dta_12h_plus, d: NULL, ok: dta_reported},
    {id: 'ae_12h_from_dta_share', n: dta_12h_plus, d: emergency_admissions_via_ae, ok: dta_reported},
    {id: 'ae_emergency_admissions', n: emergency_admissions_via_ae, d: NULL, ok: true}
  ]) AS v
  FROM m
)
SELECT v.id AS indicator_id, org_code, 'month' AS grain, period_start, 'total' AS dimension, 'all' AS category,
  CAST(v.n AS DOUBLE) AS numerator, CAST(v.d AS DOUBLE) AS denominator,
  CASE WHEN v.d IS NULL THEN v.n ELSE v.n / v.d END AS value,
  CASE WHEN v.d IS NULL THEN poisson_lower(v.n) ELSE wilson_lower(v.n, v.d) END AS lower,
  CASE WHEN v.d IS NULL THEN poisson_upper(v.n) ELSE wilson_upper(v.n, v.d) END AS upper
FROM measures
WHERE v.ok AND (v.d IS NULL OR v.d > 0)
  AND NOT EXISTS (
    SELECT 1 FROM _fresh_value i
    WHERE i.indicator_id = v.id AND i.org_code = measures.org_code AND i.grain = 'month'
      AND i.period_start = measures.period_start AND i.dimension = 'total' AND i.category = 'all')
