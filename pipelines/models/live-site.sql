-- live_site rows (migration 005): the state of each site at its data clock as_at, the latest
-- arrival, departure or ADT event time delivered for it. "Today" is the local (Europe/London)
-- day of as_at. A patient with no departure counts as in the department only if they arrived
-- within 72 hours of as_at: older open records are treated as lost departures, not as waits.
-- $1: updated_at.
WITH clock AS (
  SELECT site_code, max(t) AS as_at FROM (
    SELECT site_code, max(arrived_at) AS t FROM ae_attendance GROUP BY site_code
    UNION ALL SELECT site_code, max(departed_at) FROM ae_attendance GROUP BY site_code
    UNION ALL SELECT sending_facility, max(event_at) FROM bed_event GROUP BY sending_facility
  ) WHERE t IS NOT NULL GROUP BY site_code
),
sites AS (
  SELECT c.site_code, c.as_at, period_day(c.as_at) AS today, coalesce(o.trust_code, o.parent_code) AS trust_code, o.ics_code
  FROM clock c JOIN org o ON o.org_code = c.site_code AND o.org_type = 'site'
  WHERE o.ics_code IS NOT NULL
),
recent AS (
  SELECT a.site_code, a.arrived_at, a.departed_at, a.arrival_mode, s.as_at, s.today,
    epoch(a.ambulance_handover_at - a.arrived_at) / 60 AS handover,
    epoch(a.departed_at - a.arrived_at) / 60 AS wait
  FROM ae_attendance a JOIN sites s ON s.site_code = a.site_code
  WHERE a.attendance_category <> '4' AND a.arrived_at <= s.as_at
    AND (a.departed_at IS NULL OR a.departed_at >= s.as_at - INTERVAL 3 DAY)
    AND a.arrived_at >= s.as_at - INTERVAL 3 DAY
),
ed AS (
  SELECT site_code,
    count(*) FILTER (departed_at IS NULL OR departed_at > as_at) AS in_department,
    CAST(max(epoch(as_at - arrived_at) / 60) FILTER (departed_at IS NULL OR departed_at > as_at) AS INTEGER) AS longest_wait_minutes,
    count(*) FILTER ((departed_at IS NULL OR departed_at > as_at) AND arrived_at < as_at - INTERVAL 12 HOUR) AS over_12h,
    count(*) FILTER (arrived_at > as_at - INTERVAL 1 HOUR) AS arrivals_last_hour,
    count(*) FILTER (arrived_at > as_at - INTERVAL 1 HOUR AND arrival_mode = 'ambulance') AS ambulance_last_hour,
    count(*) FILTER (period_day(arrived_at) = today AND arrival_mode = 'ambulance' AND handover > 30) AS handovers_over_30,
    count(*) FILTER (departed_at <= as_at AND period_day(departed_at) = today AND wait <= 240) AS departed_within_4h,
    count(*) FILTER (departed_at <= as_at AND period_day(departed_at) = today) AS departed_today,
    count(*) FILTER (departed_at <= as_at AND period_day(departed_at) = today AND wait > 720) AS twelve_hour_today
  FROM recent GROUP BY site_code
),
ga_wards AS (
  SELECT site_code, sum(core_beds) AS core FROM ward WHERE bed_type IN ('adult_ga', 'paed_ga') GROUP BY site_code
),
escalation AS (
  SELECT b.site_code, sum(b.escalation_available) AS open
  FROM bed_sitrep b JOIN sites s ON s.site_code = b.site_code
  WHERE b.bed_type IN ('adult_ga', 'paed_ga')
    AND b.snapshot_date = (SELECT max(snapshot_date) FROM bed_sitrep x WHERE x.site_code = b.site_code AND x.snapshot_date <= s.today)
  GROUP BY b.site_code
),
occupied AS (
  SELECT p.site_code, count(*) AS occupied
  FROM spell p JOIN ward w ON w.ward_code = p.ward_code
  WHERE p.status = 'admitted' AND w.bed_type IN ('adult_ga', 'paed_ga')
  GROUP BY p.site_code
),
nctr AS (
  SELECT d.site_code, count(*) AS patients
  FROM discharge d JOIN sites s ON s.site_code = d.site_code
  WHERE d.ready_date <= s.today AND d.discharged_at IS NULL
  GROUP BY d.site_code
)
SELECT s.site_code, s.trust_code, s.ics_code, s.as_at,
  CAST(coalesce(ed.in_department, 0) AS INTEGER) AS in_department,
  ed.longest_wait_minutes,
  CAST(coalesce(ed.over_12h, 0) AS INTEGER) AS over_12h_in_department,
  CAST(coalesce(ed.arrivals_last_hour, 0) AS INTEGER) AS arrivals_last_hour,
  CAST(coalesce(ed.ambulance_last_hour, 0) AS INTEGER) AS ambulance_arrivals_last_hour,
  CAST(coalesce(ed.handovers_over_30, 0) AS INTEGER) AS handovers_over_30_today,
  CASE WHEN ed.departed_today > 0 THEN ed.departed_within_4h / ed.departed_today END AS four_hour_performance_today,
  CAST(coalesce(ed.twelve_hour_today, 0) AS INTEGER) AS twelve_hour_waits_today,
  CAST(g.core AS INTEGER) AS ga_beds_core,
  CAST(e.open AS INTEGER) AS ga_beds_escalation_open,
  CAST(CASE WHEN g.core IS NOT NULL THEN coalesce(o.occupied, 0) END AS INTEGER) AS ga_beds_occupied,
  CAST(greatest(g.core + coalesce(e.open, 0) - coalesce(o.occupied, 0), 0) AS INTEGER) AS ga_beds_free,
  CAST(n.patients AS INTEGER) AS nctr_patients,
  $1::TIMESTAMP AS updated_at
FROM sites s
LEFT JOIN ed ON ed.site_code = s.site_code
LEFT JOIN ga_wards g ON g.site_code = s.site_code
LEFT JOIN escalation e ON e.site_code = s.site_code
LEFT JOIN occupied o ON o.site_code = s.site_code
LEFT JOIN nctr n ON n.site_code = s.site_code
