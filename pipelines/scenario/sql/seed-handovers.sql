-- Ambulance handovers in the 24 hours before $1 per site (minutes, hours before $1), so the
-- OPEL handover mean has its window from the first simulated hour.
SELECT site_code, epoch($1::TIMESTAMP - arrived_at) / 3600 AS hours_before, handover_minutes
FROM ae_attendance
WHERE arrival_mode = 'ambulance' AND handover_minutes IS NOT NULL
  AND ambulance_handover_at <= $1::TIMESTAMP AND arrived_at > $1::TIMESTAMP - INTERVAL 24 HOUR
ORDER BY site_code, arrived_at, attendance_id
