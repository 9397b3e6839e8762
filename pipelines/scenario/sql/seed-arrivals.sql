-- Unplanned A&E arrivals per site and UTC hour in the $2 days before $1 (hours with none are
-- absent; the caller fills them with 0 from the site's first hour). Planned follow-ups excluded.
SELECT site_code, date_trunc('hour', arrived_at) AS hour_start, CAST(count(*) AS INTEGER) AS arrivals
FROM ae_attendance
WHERE attendance_category <> '4' AND arrived_at < $1::TIMESTAMP
  AND arrived_at >= $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
GROUP BY ALL
ORDER BY site_code, hour_start
