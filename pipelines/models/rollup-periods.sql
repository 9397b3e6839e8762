-- _org_day rows (every org level) by hour (UTC), day, ISO week and month (local).
-- days = days with data (the divisor of stock indicators). The caller keeps the affected keys.
WITH periods AS (
  SELECT indicator_id, org_code, org_level, 'hour' AS grain, hour_start AS period_start, dimension, category,
    numerator, denominator, sum_squares, 1 AS days
  FROM _org_day WHERE hour_start IS NOT NULL
  UNION ALL
  SELECT indicator_id, org_code, org_level, 'day', CAST(day AS TIMESTAMP), dimension, category,
    numerator, denominator, sum_squares, 1
  FROM _org_day WHERE hour_start IS NULL
  UNION ALL
  SELECT indicator_id, org_code, any_value(org_level), 'week', CAST(date_trunc('week', day) AS TIMESTAMP), dimension, category,
    sum(numerator), sum(denominator), sum(sum_squares), count(*)
  FROM _org_day WHERE hour_start IS NULL
  GROUP BY indicator_id, org_code, date_trunc('week', day), dimension, category
  UNION ALL
  SELECT indicator_id, org_code, any_value(org_level), 'month', CAST(date_trunc('month', day) AS TIMESTAMP), dimension, category,
    sum(numerator), sum(denominator), sum(sum_squares), count(*)
  FROM _org_day WHERE hour_start IS NULL
  GROUP BY indicator_id, org_code, date_trunc('month', day), dimension, category
)
SELECT * FROM periods
