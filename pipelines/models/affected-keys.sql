-- indicator_value keys (org × grain × period) the site-days in _scope_site_day feed: the site
-- and its trust, ICS and region; the UTC hours of each local day, the day, its ISO week and
-- its month.
WITH s AS (
  SELECT t.day, o.org_code AS site_code, coalesce(o.trust_code, o.parent_code) AS trust_code,
    o.ics_code, o.region_code
  FROM _scope_site_day t JOIN org o ON o.org_code = t.site_code
),
orgs AS (
  SELECT DISTINCT day, org_code FROM (
    SELECT day, site_code AS org_code FROM s
    UNION ALL SELECT day, trust_code FROM s
    UNION ALL SELECT day, ics_code FROM s
    UNION ALL SELECT day, region_code FROM s
  ) WHERE org_code IS NOT NULL
)
SELECT DISTINCT org_code, grain, period_start FROM (
  SELECT org_code, 'day' AS grain, CAST(day AS TIMESTAMP) AS period_start FROM orgs
  UNION ALL SELECT org_code, 'week', CAST(date_trunc('week', day) AS TIMESTAMP) FROM orgs
  UNION ALL SELECT org_code, 'month', CAST(date_trunc('month', day) AS TIMESTAMP) FROM orgs
  UNION ALL
  SELECT org_code, 'hour', unnest(generate_series(period_day_start_utc(day),
    period_day_start_utc(CAST(day + 1 AS DATE)) - INTERVAL 1 HOUR, INTERVAL 1 HOUR))
  FROM orgs
)
