-- Bed sitrep statistics per site × snapshot day (totals only), for _scope_site_day.
-- G&A = adult and paediatric general and acute beds (docs/nhs-data.md, Beds).
SELECT m.id AS indicator_id, site_code, day, NULL::TIMESTAMP AS hour_start, 'total' AS dimension,
  'all' AS category, CAST(m.n AS DOUBLE) AS numerator, CAST(m.d AS DOUBLE) AS denominator,
  NULL::DOUBLE AS sum_squares
FROM (
  SELECT b.site_code, b.snapshot_date AS day, unnest([
    {id: 'ga_bed_occupancy', n: sum(b.occupied), d: sum(b.core_available + b.escalation_available)},
    {id: 'escalation_beds_open', n: sum(b.escalation_available), d: NULL},
    {id: 'long_stay_21d', n: sum(coalesce(b.los_21plus, 0)), d: NULL}
  ]) AS m
  FROM bed_sitrep b
  SEMI JOIN _scope_site_day t ON t.site_code = b.site_code AND t.day = b.snapshot_date
  WHERE b.bed_type IN ('adult_ga', 'paed_ga')
  GROUP BY b.site_code, b.snapshot_date
)
WHERE m.d IS NULL OR m.d > 0
