-- Directly age-standardised attendance rate per 100,000 (Dobson; European Standard
-- Population 2013) for ICSs and regions (docs/nhs-data.md, Statistics):
-- DSR = Σ(xᵢwᵢ/nᵢ)/Σw; var = Σxᵢ(wᵢ/nᵢ)²/(Σw)²; limits = DSR + √(var/O)·(Byar(O) − O), O = Σx.
-- Σw over all 19 bands; a band without population adds no events. Not shown (value NULL) when O < 10.
WITH keys AS (
  SELECT org_code, grain, period_start FROM _rolled
  WHERE indicator_id = 'ae_attendances' AND dimension = 'total' AND org_level IN ('ics', 'region') AND grain <> 'hour'
),
strata AS (
  SELECT k.org_code, k.grain, k.period_start, e.age_band, e.weight AS w,
    coalesce(p.persons, 0) AS n, coalesce(r.numerator, 0) AS x
  FROM keys k
  CROSS JOIN esp2013 e
  LEFT JOIN _population_dims p ON p.org_code = k.org_code AND p.dimension = 'age_band' AND p.category = e.age_band
  LEFT JOIN _rolled r ON r.indicator_id = 'ae_attendances' AND r.org_code = k.org_code AND r.grain = k.grain
    AND r.period_start = k.period_start AND r.dimension = 'age_band' AND r.category = e.age_band
),
summed AS (
  SELECT org_code, grain, period_start, sum(x) FILTER (n > 0) AS o,
    sum(x * w / n) FILTER (n > 0) / sum(w) AS dsr,
    sum(x * (w / n) ^ 2) FILTER (n > 0) / sum(w) ^ 2 AS variance
  FROM strata GROUP BY org_code, grain, period_start
  HAVING sum(n) > 0
)
SELECT 'ae_attendance_rate_dsr' AS indicator_id, org_code, grain, period_start, 'total' AS dimension,
  'all' AS category, o AS numerator, NULL::DOUBLE AS denominator,
  CASE WHEN o >= 10 THEN dsr * 100000 END AS value,
  CASE WHEN o >= 10 THEN (dsr + sqrt(variance / o) * (poisson_lower(o) - o)) * 100000 END AS lower,
  CASE WHEN o >= 10 THEN (dsr + sqrt(variance / o) * (poisson_upper(o) - o)) * 100000 END AS upper
FROM summed
