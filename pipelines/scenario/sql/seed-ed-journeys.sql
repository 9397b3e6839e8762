-- A&E journeys completed in the $2 days before $1, per site, for the fitted ED behaviour: arrival
-- by ambulance, admitted, minutes from arrival to departure, to decision to admit, from decision
-- to departure (boarding), ambulance handover minutes, and the G&A occupancy (patients on
-- adult and paediatric G&A wards ÷ core G&A beds) in the hour of the decision to admit.
WITH journeys AS (
  SELECT a.attendance_id, a.site_code, a.arrival_mode = 'ambulance' AS is_ambulance, a.disposal = 'admitted' AS is_admitted,
    epoch(a.departed_at - a.arrived_at) / 60 AS wait_minutes,
    epoch(a.decided_to_admit_at - a.arrived_at) / 60 AS decision_minutes,
    epoch(a.departed_at - a.decided_to_admit_at) / 60 AS boarding_minutes,
    CASE WHEN a.arrival_mode = 'ambulance' THEN a.handover_minutes END AS handover_minutes,
    date_trunc('hour', a.decided_to_admit_at) AS decision_hour,
    epoch($1::TIMESTAMP - a.departed_at) / 86400 AS days_before
  FROM ae_attendance a
  WHERE a.attendance_category <> '4' AND a.departed_at <= $1::TIMESTAMP
    AND a.arrived_at >= $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
    AND a.departed_at >= a.arrived_at
),
beds AS (
  SELECT site_code, sum(core_beds) AS core FROM ward WHERE bed_type IN ('adult_ga', 'paed_ga') GROUP BY site_code
),
changes AS (
  SELECT w.site_code, s.from_at AS t, 1 AS change FROM ward_stay s
  JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  WHERE s.from_at <= $1::TIMESTAMP
  UNION ALL
  SELECT w.site_code, s.to_at, -1 FROM ward_stay s
  JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  WHERE s.to_at <= $1::TIMESTAMP
),
occupancy AS (
  SELECT site_code, t, sum(sum(change)) OVER (PARTITION BY site_code ORDER BY t) AS occupied
  FROM changes GROUP BY site_code, t
)
SELECT j.site_code, j.is_ambulance, j.is_admitted, j.wait_minutes, j.decision_minutes,
  j.boarding_minutes, j.handover_minutes, j.days_before,
  CASE WHEN b.core > 0 THEN o.occupied / b.core END AS occupancy
FROM journeys j
ASOF LEFT JOIN occupancy o ON o.site_code = j.site_code AND o.t <= j.decision_hour
LEFT JOIN beds b ON b.site_code = j.site_code
ORDER BY j.site_code, j.wait_minutes, j.attendance_id
