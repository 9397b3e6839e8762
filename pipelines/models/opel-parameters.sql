-- Per site, the live figures OPEL scores trusts on, at the site's data clock: ED patients now
-- and over 12 hours, G&A beds, NCTR patients, and ambulance handovers over the last $1 hours
-- (count and total minutes).
SELECT l.site_code, l.trust_code, l.ics_code, l.as_at, o.department_type,
  l.in_department, l.over_12h_in_department,
  l.ga_beds_core, l.ga_beds_escalation_open, l.ga_beds_occupied, l.nctr_patients,
  (SELECT count(*) FROM ae_attendance a WHERE a.site_code = l.site_code AND a.arrival_mode = 'ambulance'
     AND a.ambulance_handover_at IS NOT NULL AND a.arrived_at > l.as_at - to_hours(CAST($1 AS INTEGER))
     AND a.arrived_at <= l.as_at) AS handovers,
  (SELECT sum(epoch(a.ambulance_handover_at - a.arrived_at) / 60) FROM ae_attendance a
   WHERE a.site_code = l.site_code AND a.arrival_mode = 'ambulance' AND a.ambulance_handover_at IS NOT NULL
     AND a.arrived_at > l.as_at - to_hours(CAST($1 AS INTEGER)) AND a.arrived_at <= l.as_at) AS handover_minutes
FROM live_site l
LEFT JOIN org o ON o.org_code = l.site_code
ORDER BY l.site_code
