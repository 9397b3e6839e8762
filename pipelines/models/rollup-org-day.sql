-- indicator_org_day rows of level $1 (trust, ics or region) for the org-days of that level in
-- _affected_org_day: the level below summed into its parent, day by day and hour by hour
-- (site → trust from indicator_site_day / _hour, trust → ICS and ICS → region from
-- indicator_org_day). $2, $3: local days covering those org-days.
WITH children AS (
  SELECT indicator_id, site_code AS org_code, day, NULL::TIMESTAMP AS hour_start, dimension, category,
    numerator, denominator, sum_squares
  FROM indicator_site_day WHERE $1 = 'trust' AND day BETWEEN $2::DATE AND $3::DATE
  UNION ALL
  SELECT indicator_id, site_code, day, hour_start, 'total', 'all', numerator, denominator, sum_squares
  FROM indicator_site_hour WHERE $1 = 'trust' AND day BETWEEN $2::DATE AND $3::DATE
  UNION ALL
  SELECT indicator_id, org_code, day, hour_start, dimension, category, numerator, denominator, sum_squares
  FROM indicator_org_day
  WHERE org_level = (CASE $1 WHEN 'ics' THEN 'trust' WHEN 'region' THEN 'ics' END)
    AND day BETWEEN $2::DATE AND $3::DATE
),
parented AS (
  SELECT c.*,
    CASE $1 WHEN 'trust' THEN coalesce(o.trust_code, o.parent_code) WHEN 'ics' THEN o.ics_code ELSE o.region_code END AS parent_code
  FROM children c JOIN org o ON o.org_code = c.org_code
  WHERE $1 <> 'trust' OR o.org_type = 'site'
)
SELECT p.indicator_id, p.parent_code AS org_code, $1 AS org_level, p.day, p.hour_start, p.dimension, p.category,
  sum(p.numerator) AS numerator, sum(p.denominator) AS denominator, sum(p.sum_squares) AS sum_squares
FROM parented p
SEMI JOIN _affected_org_day a ON a.org_code = p.parent_code AND a.org_level = $1 AND a.day = p.day
WHERE p.parent_code IS NOT NULL
GROUP BY p.indicator_id, p.parent_code, p.day, p.hour_start, p.dimension, p.category
