-- The site-days to recompute for the site-days loads touched (_touched_site_day, each with the
-- feeds whose facts changed on it; NULL feeds: not known, widened as for every feed): those,
-- and the site-days whose statistics can change through them while their own facts do not.
-- Each widening reads the facts of one feed, so only that feed's site-days start it:
-- - re-attendance (reattendance_7d in ae-site-measures.sql looks back 7 days across every
--   site, over ae_attendance alone): from the site-days the A&E feed touched, the attendances
--   in the 8 local days that follow of each patient who attended on one, as loaded now or as
--   superseded (a correction can take a patient off a day);
-- - no-criteria-to-reside stock (nctr_patients in discharge-site-measures.sql, counted on
--   every day from a ready date to the discharge across the site's span of discharge data,
--   over the discharge facts alone): each site the discharge feed touched that has discharge
--   data or stock rows, from its earliest day so touched (or the day after its last stock row,
--   when that is earlier) to the latest of those days, its span's end and its last stock row.
-- Every other site measure reads only the site-day's own facts: length of stay the ADT spells
-- discharged that day (spell-site-measures.sql), the sitrep its snapshot day
-- (sitrep-site-measures.sql), A&E and discharge flows their own day; the touched site-days
-- cover those, and site_coverage (site-coverage.sql) likewise. So an ADT batch (which
-- touches every day of the spells it rebuilds) or a sitrep file changes no attendance and
-- no ready or discharge date, and widens to neither. The OPEL history (opel-history-days.sql)
-- and the lake export read the touched keys themselves, not this scope.
-- Site-days widened here whose statistics come out unchanged go no further (refreshIndicators).
WITH touched AS (SELECT DISTINCT site_code, day FROM _touched_site_day),
ae_touched AS (
  SELECT DISTINCT site_code, day FROM _touched_site_day
  WHERE feeds IS NULL OR list_contains(feeds, 'ae')
),
discharge_touched AS (
  SELECT DISTINCT site_code, day FROM _touched_site_day
  WHERE feeds IS NULL OR list_contains(feeds, 'discharge')
),
bounds AS (
  SELECT period_day_start_utc(min(day)) AS lo, period_day_start_utc(CAST(max(day) + 1 AS DATE)) AS hi
  FROM ae_touched
),
patients AS (
  SELECT DISTINCT f.patient_id
  FROM (
    SELECT site_code, arrived_at, patient_id FROM ae_attendance
    UNION ALL SELECT site_code, arrived_at, patient_id FROM ae_attendance_history
  ) f
  CROSS JOIN bounds b
  SEMI JOIN ae_touched t ON t.site_code = f.site_code AND t.day = period_day(f.arrived_at)
  WHERE f.arrived_at >= b.lo AND f.arrived_at < b.hi AND f.patient_id IS NOT NULL
),
reattending AS (
  SELECT a.site_code, period_day(a.arrived_at) AS day
  FROM ae_attendance a CROSS JOIN bounds b
  WHERE a.arrived_at >= b.lo AND a.arrived_at < b.hi + INTERVAL 8 DAY
    AND a.patient_id IN (SELECT patient_id FROM patients)
),
touched_sites AS (
  SELECT site_code, min(day) AS first_touched, max(day) AS last_touched
  FROM discharge_touched GROUP BY site_code
),
stock_spans AS (
  SELECT n.site_code,
    least(n.first_touched, CAST(c.last_counted + 1 AS DATE)) AS first_day,
    greatest(n.last_touched, s.last_day, c.last_counted) AS last_day
  FROM touched_sites n
  LEFT JOIN (
    SELECT site_code, max(greatest(ready_date, period_day(discharged_at))) AS last_day
    FROM discharge WHERE site_code IN (SELECT site_code FROM touched_sites) GROUP BY site_code
  ) s ON s.site_code = n.site_code
  LEFT JOIN (
    SELECT site_code, max(day) AS last_counted FROM indicator_site_day
    WHERE indicator_id = 'nctr_patients' AND site_code IN (SELECT site_code FROM touched_sites)
    GROUP BY site_code
  ) c ON c.site_code = n.site_code
  WHERE s.last_day IS NOT NULL OR c.last_counted IS NOT NULL
)
SELECT site_code, day FROM touched
UNION
SELECT site_code, day FROM reattending
UNION
SELECT site_code, CAST(unnest(generate_series(first_day, last_day, INTERVAL 1 DAY)) AS DATE)
FROM stock_spans WHERE first_day <= last_day
