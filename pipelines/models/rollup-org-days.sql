-- One level up the org hierarchy: the _org_day rows of level $1 summed into their parent
-- (site → trust, trust → ICS, ICS → region), day by day. Hourly rows (hour_start set) too.
SELECT r.indicator_id,
  CASE $1 WHEN 'site' THEN coalesce(o.trust_code, o.parent_code) WHEN 'trust' THEN o.ics_code ELSE o.region_code END AS org_code,
  CASE $1 WHEN 'site' THEN 'trust' WHEN 'trust' THEN 'ics' ELSE 'region' END AS org_level,
  r.day, r.hour_start, r.dimension, r.category,
  sum(r.numerator) AS numerator, sum(r.denominator) AS denominator, sum(r.sum_squares) AS sum_squares
FROM _org_day r JOIN org o ON o.org_code = r.org_code
WHERE r.org_level = $1
  AND (CASE $1 WHEN 'site' THEN coalesce(o.trust_code, o.parent_code) WHEN 'trust' THEN o.ics_code ELSE o.region_code END) IS NOT NULL
GROUP BY ALL
