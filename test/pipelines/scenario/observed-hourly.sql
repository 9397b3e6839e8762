-- What happened, per site and hour from $1 for $2 hours, at the end of each hour: patients in
-- the ED (arrived within 72 hours, not yet gone), on G&A wards, and of those, with no criteria to
-- reside (ready date's local midnight passed), as the scenario engine counts them.
WITH hours AS (
  SELECT unnest(generate_series($1::TIMESTAMP, $1::TIMESTAMP + to_hours(CAST($2 AS INTEGER) - 1), INTERVAL 1 HOUR)) AS hour_start
),
ends AS (SELECT hour_start, hour_start + INTERVAL 1 HOUR AS t FROM hours),
ed AS (
  SELECT a.site_code, e.hour_start, count(*) AS in_department
  FROM ends e JOIN ae_attendance a ON a.arrived_at <= e.t AND a.arrived_at > e.t - INTERVAL 72 HOUR
    AND (a.departed_at IS NULL OR a.departed_at > e.t) AND a.attendance_category <> '4'
  GROUP BY ALL
),
wards AS (
  SELECT w.site_code, e.hour_start, count(*) AS ga_occupied,
    count(*) FILTER (period_day_start_utc(d.ready_date) <= e.t) AS nctr_patients
  FROM ends e
  JOIN ward_stay s ON s.from_at <= e.t AND (s.to_at IS NULL OR s.to_at > e.t)
  JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  LEFT JOIN discharge d ON d.spell_id = s.spell_id
  GROUP BY ALL
)
SELECT coalesce(ed.site_code, wards.site_code) AS site_code, coalesce(ed.hour_start, wards.hour_start) AS hour_start,
  coalesce(ed.in_department, 0) AS in_department, wards.ga_occupied, wards.nctr_patients
FROM ed FULL JOIN wards ON wards.site_code = ed.site_code AND wards.hour_start = ed.hour_start
ORDER BY site_code, hour_start
