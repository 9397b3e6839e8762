-- Every site × local day that has facts: the scope of a full rebuild.
SELECT DISTINCT site_code, day FROM (
  SELECT site_code, period_day(arrived_at) AS day FROM ae_attendance
  UNION ALL SELECT site_code, snapshot_date FROM bed_sitrep
  UNION ALL SELECT site_code, period_day(discharged_at) FROM spell WHERE discharged_at IS NOT NULL
  UNION ALL SELECT site_code, period_day(discharged_at) FROM discharge WHERE discharged_at IS NOT NULL
  UNION ALL
  SELECT site_code, unnest(generate_series(first_day, last_day, INTERVAL 1 DAY))::DATE
  FROM (
    SELECT site_code, min(ready_date) AS first_day,
      max(greatest(ready_date, period_day(discharged_at))) AS last_day
    FROM discharge GROUP BY site_code
  ) WHERE first_day IS NOT NULL
)
