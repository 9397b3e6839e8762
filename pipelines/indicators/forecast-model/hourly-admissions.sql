-- Admissions from A&E per site and UTC hour of departure to the ward.
SELECT site_code, date_trunc('hour', departed_at) AS hour_start, count(*)::INTEGER AS count
FROM ae_attendance
WHERE attendance_category <> '4' AND disposal = 'admitted' AND departed_at IS NOT NULL
GROUP BY site_code, hour_start
ORDER BY site_code, hour_start
