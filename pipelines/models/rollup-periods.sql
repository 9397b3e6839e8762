-- Statistics of the orgs in _affected_org by hour (UTC), day, ISO week and month (local),
-- between the local days $1 and $2: sites from indicator_site_day / _hour, trusts, ICSs and
-- regions from indicator_org_day. days = days with data (the divisor of stock indicators).
-- The caller keeps the affected keys.
WITH days AS (
  SELECT d.indicator_id, d.site_code AS org_code, 'site' AS org_level, d.day, NULL::TIMESTAMP AS hour_start,
    d.dimension, d.category, d.numerator, d.denominator, d.sum_squares
  FROM indicator_site_day d
  SEMI JOIN _affected_org a ON a.org_code = d.site_code AND a.org_level = 'site'
  WHERE d.day BETWEEN $1::DATE AND $2::DATE
  UNION ALL
  SELECT h.indicator_id, h.site_code, 'site', h.day, h.hour_start, 'total', 'all', h.numerator, h.denominator, h.sum_squares
  FROM indicator_site_hour h
  SEMI JOIN _affected_org a ON a.org_code = h.site_code AND a.org_level = 'site'
  WHERE h.day BETWEEN $1::DATE AND $2::DATE
  UNION ALL
  SELECT o.indicator_id, o.org_code, o.org_level, o.day, o.hour_start, o.dimension, o.category,
    o.numerator, o.denominator, o.sum_squares
  FROM indicator_org_day o
  SEMI JOIN _affected_org a ON a.org_code = o.org_code AND a.org_level = o.org_level
  WHERE o.day BETWEEN $1::DATE AND $2::DATE
)
SELECT indicator_id, org_code, org_level, 'hour' AS grain, hour_start AS period_start, dimension, category,
  numerator, denominator, sum_squares, 1 AS days
FROM days WHERE hour_start IS NOT NULL
UNION ALL
SELECT indicator_id, org_code, org_level, 'day', CAST(day AS TIMESTAMP), dimension, category,
  numerator, denominator, sum_squares, 1
FROM days WHERE hour_start IS NULL
UNION ALL
SELECT indicator_id, org_code, any_value(org_level), 'week', CAST(date_trunc('week', day) AS TIMESTAMP), dimension, category,
  sum(numerator), sum(denominator), sum(sum_squares), count(*)
FROM days WHERE hour_start IS NULL
GROUP BY indicator_id, org_code, date_trunc('week', day), dimension, category
UNION ALL
SELECT indicator_id, org_code, any_value(org_level), 'month', CAST(date_trunc('month', day) AS TIMESTAMP), dimension, category,
  sum(numerator), sum(denominator), sum(sum_squares), count(*)
FROM days WHERE hour_start IS NULL
GROUP BY indicator_id, org_code, date_trunc('month', day), dimension, category
