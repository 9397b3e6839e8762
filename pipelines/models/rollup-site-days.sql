-- Rolls site-day and site-hour statistics up the org hierarchy (site → trust → ICS → region)
-- and the calendar (hour UTC; day, ISO week and month in Europe/London), for the keys in
-- _affected_key only. $1, $2: the first and last local day those keys cover.
WITH sd AS (
  SELECT d.indicator_id, d.day, NULL::TIMESTAMP AS hour_start, d.dimension, d.category,
    d.numerator, d.denominator, d.sum_squares,
    o.org_code AS site_code, coalesce(o.trust_code, o.parent_code) AS trust_code, o.ics_code, o.region_code
  FROM indicator_site_day d JOIN org o ON o.org_code = d.site_code
  WHERE d.day BETWEEN $1::DATE AND $2::DATE
  UNION ALL
  SELECT h.indicator_id, h.day, h.hour_start, 'total', 'all', h.numerator, h.denominator, h.sum_squares,
    o.org_code, coalesce(o.trust_code, o.parent_code), o.ics_code, o.region_code
  FROM indicator_site_hour h JOIN org o ON o.org_code = h.site_code
  WHERE h.day BETWEEN $1::DATE AND $2::DATE
),
levels AS (
  SELECT * EXCLUDE (site_code, trust_code, ics_code, region_code), site_code AS org_code, 'site' AS org_level FROM sd
  UNION ALL
  SELECT * EXCLUDE (site_code, trust_code, ics_code, region_code), trust_code, 'trust' FROM sd WHERE trust_code IS NOT NULL
  UNION ALL
  SELECT * EXCLUDE (site_code, trust_code, ics_code, region_code), ics_code, 'ics' FROM sd WHERE ics_code IS NOT NULL
  UNION ALL
  SELECT * EXCLUDE (site_code, trust_code, ics_code, region_code), region_code, 'region' FROM sd WHERE region_code IS NOT NULL
),
periods AS (
  SELECT *, 'hour' AS grain, hour_start AS period_start FROM levels WHERE hour_start IS NOT NULL
  UNION ALL
  SELECT *, 'day', CAST(day AS TIMESTAMP) FROM levels WHERE hour_start IS NULL
  UNION ALL
  SELECT *, 'week', CAST(date_trunc('week', day) AS TIMESTAMP) FROM levels WHERE hour_start IS NULL
  UNION ALL
  SELECT *, 'month', CAST(date_trunc('month', day) AS TIMESTAMP) FROM levels WHERE hour_start IS NULL
)
SELECT p.indicator_id, p.org_code, any_value(p.org_level) AS org_level, p.grain, p.period_start,
  p.dimension, p.category,
  sum(p.numerator) AS numerator, sum(p.denominator) AS denominator, sum(p.sum_squares) AS sum_squares,
  count(DISTINCT p.day) AS days
FROM periods p
SEMI JOIN _affected_key k ON k.org_code = p.org_code AND k.grain = p.grain AND k.period_start = p.period_start
GROUP BY p.indicator_id, p.org_code, p.grain, p.period_start, p.dimension, p.category
