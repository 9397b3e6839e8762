-- Per site and time in _site_state (rows of live_site's columns: live_site itself, or
-- site-state-as-at.sql's rows for other times), the figures OPEL scores trusts on: ED patients
-- and those over 12 hours, G&A beds, NCTR patients, and the ambulance handovers completed by
-- as_at of the arrivals in the $1 hours up to it (count and total minutes).
WITH handover AS (
  SELECT s.site_code, s.as_at, count(*) AS handovers,
    sum(epoch(a.ambulance_handover_at - a.arrived_at) / 60) AS handover_minutes
  FROM _site_state s JOIN ae_attendance a ON a.site_code = s.site_code
  WHERE a.arrival_mode = 'ambulance' AND a.ambulance_handover_at <= s.as_at
    AND a.arrived_at > s.as_at - to_hours(CAST($1 AS INTEGER)) AND a.arrived_at <= s.as_at
  GROUP BY s.site_code, s.as_at
)
SELECT l.site_code, l.trust_code, l.ics_code, l.as_at, o.department_type,
  l.in_department, l.over_12h_in_department,
  l.ga_beds_core, l.ga_beds_escalation_open, l.ga_beds_occupied, l.nctr_patients,
  coalesce(h.handovers, 0) AS handovers, h.handover_minutes
FROM _site_state l
LEFT JOIN org o ON o.org_code = l.site_code
LEFT JOIN handover h ON h.site_code = l.site_code AND h.as_at = l.as_at
ORDER BY l.site_code, l.as_at
