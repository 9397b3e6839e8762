-- site_coverage rows for the site-days in _scope_site_day, from the facts of each feed:
-- A&E by local day of arrival (first arrival, latest arrival or departure, first arrival
-- still in the department); ADT spells by day of discharge (first and latest discharge);
-- the daily sitrep and discharge files cover their whole local day.
WITH scope AS (SELECT DISTINCT site_code, day FROM _scope_site_day),
bounds AS (
  SELECT period_day_start_utc(min(day)) AS lo, period_day_start_utc(CAST(max(day) + 1 AS DATE)) AS hi
  FROM scope
),
ae AS (
  SELECT a.site_code, 'ae' AS feed, period_day(a.arrived_at) AS day,
    min(a.arrived_at) AS covered_from,
    max(greatest(a.arrived_at, coalesce(a.departed_at, a.arrived_at))) AS covered_to,
    min(a.arrived_at) FILTER (WHERE a.departed_at IS NULL) AS first_open,
    count(*) AS records
  FROM ae_attendance a, bounds b
  WHERE a.arrived_at >= b.lo AND a.arrived_at < b.hi
  GROUP BY ALL
),
adt AS (
  SELECT site_code, 'adt', period_day(discharged_at), min(discharged_at), max(discharged_at),
    NULL::TIMESTAMP, count(*)
  FROM spell, bounds b
  WHERE discharged_at >= b.lo AND discharged_at < b.hi
  GROUP BY ALL
),
sitrep AS (
  SELECT site_code, 'sitrep', snapshot_date, period_day_start_utc(snapshot_date),
    period_day_start_utc(CAST(snapshot_date + 1 AS DATE)), NULL::TIMESTAMP, count(*)
  FROM bed_sitrep
  WHERE snapshot_date IN (SELECT day FROM scope)
  GROUP BY ALL
),
discharged AS (
  SELECT site_code, 'discharge', period_day(discharged_at) AS day,
    period_day_start_utc(period_day(discharged_at)),
    period_day_start_utc(CAST(period_day(discharged_at) + 1 AS DATE)), NULL::TIMESTAMP, count(*)
  FROM discharge, bounds b
  WHERE discharged_at >= b.lo AND discharged_at < b.hi
  GROUP BY ALL
)
SELECT f.* FROM (
  SELECT * FROM ae UNION ALL SELECT * FROM adt UNION ALL SELECT * FROM sitrep
  UNION ALL SELECT * FROM discharged
) f
SEMI JOIN scope s ON s.site_code = f.site_code AND s.day = f.day
