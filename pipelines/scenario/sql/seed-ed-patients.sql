-- Patients in each ED at $1, as known then: arrival (within 72 hours, as live_site counts them),
-- by ambulance, handed over by then, and the decision to admit if it was made by then.
SELECT a.site_code, a.arrived_at, a.arrival_mode = 'ambulance' AS is_ambulance,
  CASE WHEN a.decided_to_admit_at <= $1::TIMESTAMP THEN a.decided_to_admit_at END AS decided_to_admit_at
FROM ae_attendance a
WHERE a.attendance_category <> '4' AND a.arrived_at <= $1::TIMESTAMP
  AND a.arrived_at > $1::TIMESTAMP - INTERVAL 72 HOUR
  AND (a.departed_at IS NULL OR a.departed_at > $1::TIMESTAMP)
ORDER BY a.site_code, a.arrived_at, a.attendance_id
