-- Arrivals per site and UTC hour, planned follow-ups (category 4) excluded as in every A&E measure.
SELECT site_code, date_trunc('hour', arrived_at) AS hour_start, count(*)::INTEGER AS count
FROM ae_attendance
WHERE attendance_category <> '4'
GROUP BY site_code, hour_start
ORDER BY site_code, hour_start
