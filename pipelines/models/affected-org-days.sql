-- The org-days whose statistics change with the site-days in _changed_site_day, level by
-- level up the hierarchy as the roll-up sums them (site → trust → ICS → region). Sites
-- count only as org rows of type site.
WITH site AS (
  SELECT DISTINCT c.site_code AS org_code, c.day FROM _changed_site_day c
  SEMI JOIN org o ON o.org_code = c.site_code AND o.org_type = 'site'
),
trust AS (
  SELECT DISTINCT coalesce(o.trust_code, o.parent_code) AS org_code, s.day
  FROM site s JOIN org o ON o.org_code = s.org_code
  WHERE coalesce(o.trust_code, o.parent_code) IS NOT NULL
),
ics AS (
  SELECT DISTINCT o.ics_code AS org_code, t.day FROM trust t JOIN org o ON o.org_code = t.org_code
  WHERE o.ics_code IS NOT NULL
),
region AS (
  SELECT DISTINCT o.region_code AS org_code, i.day FROM ics i JOIN org o ON o.org_code = i.org_code
  WHERE o.region_code IS NOT NULL
)
SELECT org_code, 'site' AS org_level, day FROM site
UNION ALL SELECT org_code, 'trust', day FROM trust
UNION ALL SELECT org_code, 'ics', day FROM ics
UNION ALL SELECT org_code, 'region', day FROM region
