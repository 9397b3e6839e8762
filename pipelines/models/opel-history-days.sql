-- The days whose OPEL the history assesses (as at 08:00 local time), per ICS, from the first
-- 08:00 a whole day after the ICS's first A&E arrival (the ED and handover figures look back
-- that far) to the last 08:00 that every trust of the ICS has data past (the latest data clock
-- of its sites, live_site). $1: the site-days a load touched, as JSON [{site_code, day}], or
-- NULL for every day. A touched site-day can change the figures of its ICS on that day and the
-- 3 after it (ED patients are counted up to 72 hours after arrival); the days of the span not
-- yet in opel_daily (new days) are assessed too.
WITH trust_clock AS (
  SELECT ics_code, trust_code, max(as_at) AS as_at FROM live_site GROUP BY ics_code, trust_code
),
-- Each site-day's first arrival is kept in site_coverage by the refresh's indicators stage,
-- which runs before this: a few rows a site-day, not every attendance of the history.
first_arrival AS (
  SELECT o.ics_code, min(c.covered_from) AS first_at
  FROM site_coverage c JOIN org o ON o.org_code = c.site_code
  WHERE c.feed = 'ae'
  GROUP BY o.ics_code
),
span AS (
  SELECT c.ics_code, f.first_at + INTERVAL 1 DAY AS first_at, min(c.as_at) AS last_at
  FROM trust_clock c JOIN first_arrival f ON f.ics_code = c.ics_code
  GROUP BY c.ics_code, f.first_at
),
days AS (
  SELECT ics_code, day,
    CAST(timezone('Europe/London', CAST(day AS TIMESTAMP) + INTERVAL 8 HOUR) AS TIMESTAMP) AS assessed_at,
    first_at, last_at
  FROM (
    SELECT ics_code, first_at, last_at,
      CAST(unnest(generate_series(period_day(first_at), period_day(last_at), INTERVAL 1 DAY)) AS DATE) AS day
    FROM span WHERE first_at <= last_at
  )
),
touched AS (
  SELECT DISTINCT o.ics_code, CAST(t.key.day AS DATE) AS day
  FROM (SELECT unnest(from_json(CAST($1 AS VARCHAR), '[{"site_code":"VARCHAR","day":"VARCHAR"}]')) AS key) t
  JOIN org o ON o.org_code = t.key.site_code
)
SELECT d.ics_code, d.day, d.assessed_at
FROM days d
WHERE d.assessed_at >= d.first_at AND d.assessed_at <= d.last_at
  AND (CAST($1 AS VARCHAR) IS NULL
    OR EXISTS (SELECT 1 FROM touched t WHERE t.ics_code = d.ics_code AND d.day BETWEEN t.day AND t.day + 3)
    OR NOT EXISTS (SELECT 1 FROM opel_daily h WHERE h.org_code = d.ics_code AND h.day = d.day))
ORDER BY d.ics_code, d.day
