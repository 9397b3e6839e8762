-- The site-days to recompute for a file's touched site-days ($1: JSON [{site_code, day}]).
-- A new attendance can make later ones re-attendances (reattendance_7d looks back 7 days,
-- across the sites of an ICS), so each touched day widens to the sites of its ICS over the
-- 7 days that follow.
WITH touched AS (
  SELECT t.site_code, CAST(t.day AS DATE) AS day
  FROM (SELECT unnest(from_json($1, '[{"site_code":"VARCHAR","day":"VARCHAR"}]'), recursive := true))
    AS t(site_code, day)
)
SELECT site_code, day FROM touched
UNION
SELECT s.org_code, CAST(t.day + CAST(r.offset_days AS INTEGER) AS DATE)
FROM touched t
JOIN org ot ON ot.org_code = t.site_code AND ot.ics_code IS NOT NULL
JOIN org s ON s.org_type = 'site' AND s.ics_code = ot.ics_code
CROSS JOIN (SELECT range AS offset_days FROM range(0, 8)) r
