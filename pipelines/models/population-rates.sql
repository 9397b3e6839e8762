-- Attendance and emergency admission rates per 100,000 resident population (not
-- annualised) for ICSs and regions, from _rolled counts and _population_dims. Interval:
-- exact Poisson / Byar on the count, scaled. Unknown categories have no population: no rate.
SELECT CASE r.indicator_id WHEN 'ae_attendances' THEN 'ae_attendance_rate' ELSE 'admission_rate' END AS indicator_id,
  r.org_code, r.grain, r.period_start, r.dimension, r.category,
  r.numerator, p.persons AS denominator,
  r.numerator / p.persons * 100000 AS value,
  poisson_lower(r.numerator) / p.persons * 100000 AS lower,
  poisson_upper(r.numerator) / p.persons * 100000 AS upper
FROM _rolled r
JOIN _population_dims p ON p.org_code = r.org_code AND p.dimension = r.dimension AND p.category = r.category
WHERE r.indicator_id IN ('ae_attendances', 'ae_emergency_admissions')
  AND r.org_level IN ('ics', 'region') AND r.grain <> 'hour' AND p.persons > 0
  AND r.dimension IN ('total', 'imd_decile', 'imd_quintile', 'core20', 'ethnic_group', 'age_band', 'sex')
