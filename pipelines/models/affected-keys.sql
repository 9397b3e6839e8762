-- indicator_value keys (org × grain × period) of the org-days in _affected_org_day: the UTC
-- hours of each local day, the day, its ISO week and its month.
WITH orgs AS (SELECT DISTINCT org_code, day FROM _affected_org_day)
SELECT DISTINCT org_code, grain, period_start FROM (
  SELECT org_code, 'day' AS grain, CAST(day AS TIMESTAMP) AS period_start FROM orgs
  UNION ALL SELECT org_code, 'week', CAST(date_trunc('week', day) AS TIMESTAMP) FROM orgs
  UNION ALL SELECT org_code, 'month', CAST(date_trunc('month', day) AS TIMESTAMP) FROM orgs
  UNION ALL
  SELECT org_code, 'hour', unnest(generate_series(period_day_start_utc(day),
    period_day_start_utc(CAST(day + 1 AS DATE)) - INTERVAL 1 HOUR, INTERVAL 1 HOUR))
  FROM orgs
)
