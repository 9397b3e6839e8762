-- Hourly arrivals and admissions (attendances later admitted, by arrival hour) per site, zero
-- filled, over the $1 weeks before each site's last complete hour (the hour its latest arrival
-- falls in is still filling). From indicator_site_hour (planned follow-ups excluded).
WITH clock AS (
  SELECT site_code, max(hour_start) AS last_hour FROM indicator_site_hour
  WHERE indicator_id = 'ae_attendances' GROUP BY site_code
),
hours AS (
  SELECT c.site_code, unnest(generate_series(c.last_hour - to_hours(CAST($1 AS INTEGER) * 168),
    c.last_hour - INTERVAL 1 HOUR, INTERVAL 1 HOUR)) AS hour_start
  FROM clock c
)
SELECT h.site_code, h.hour_start,
  coalesce(max(s.numerator) FILTER (s.indicator_id = 'ae_attendances'), 0) AS arrivals,
  coalesce(max(s.numerator) FILTER (s.indicator_id = 'ae_emergency_admissions'), 0) AS admissions
FROM hours h
LEFT JOIN indicator_site_hour s ON s.site_code = h.site_code AND s.hour_start = h.hour_start
  AND s.indicator_id IN ('ae_attendances', 'ae_emergency_admissions')
WHERE h.hour_start >= (SELECT min(x.hour_start) FROM indicator_site_hour x WHERE x.site_code = h.site_code)
GROUP BY h.site_code, h.hour_start
ORDER BY h.site_code, h.hour_start
