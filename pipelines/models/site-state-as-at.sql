-- Each site's state as at each time in _site_as_at (site_code, as_at UTC), in live_site's
-- columns (migration 005) but updated_at: live_site is this model at each site's data clock
-- (site-data-clock.sql), and the daily OPEL history this model at 08:00 of each day.
-- "Today" is the local (Europe/London) day of as_at. A patient with no departure counts as in
-- the department only if they arrived within 72 hours of as_at: older open records are treated
-- as lost departures, not as waits. Nothing after as_at counts: ambulance handovers are those
-- done by as_at; G&A beds occupied, the ADT ward stays that span as_at; patients with no
-- criteria to reside, those admitted by as_at, ready by its day and not discharged by as_at;
-- escalation beds, those of the site's latest sitrep by its day.
WITH sites AS (
  SELECT site_code, as_at, today, trust_code, ics_code,
    period_day_start_utc(today) AS today_from, period_day_start_utc(CAST(today + 1 AS DATE)) AS today_to
  FROM (
    SELECT DISTINCT t.site_code, t.as_at, period_day(t.as_at) AS today,
      coalesce(o.trust_code, o.parent_code) AS trust_code, o.ics_code
    FROM _site_as_at t JOIN org o ON o.org_code = t.site_code AND o.org_type = 'site'
    WHERE o.ics_code IS NOT NULL
  )
),
-- The times' range, so that each fact table is read only around them.
bounds AS (SELECT min(as_at) AS lo, max(as_at) AS hi FROM sites),
recent AS (
  SELECT a.site_code, s.as_at, a.arrived_at, a.departed_at, a.arrival_mode,
    a.arrived_at >= s.today_from AND a.arrived_at < s.today_to AS is_arrived_today,
    coalesce(a.departed_at >= s.today_from AND a.departed_at < s.today_to, false) AS is_departed_today,
    CASE WHEN a.ambulance_handover_at <= s.as_at THEN epoch(a.ambulance_handover_at - a.arrived_at) / 60 END AS handover,
    epoch(a.departed_at - a.arrived_at) / 60 AS wait
  FROM ae_attendance a JOIN sites s ON s.site_code = a.site_code, bounds b
  WHERE a.arrived_at >= b.lo - INTERVAL 3 DAY AND a.arrived_at <= b.hi
    AND a.attendance_category <> '4' AND a.arrived_at <= s.as_at
    AND (a.departed_at IS NULL OR a.departed_at >= s.as_at - INTERVAL 3 DAY)
    AND a.arrived_at >= s.as_at - INTERVAL 3 DAY
),
ed AS (
  SELECT site_code, as_at,
    count(*) FILTER (departed_at IS NULL OR departed_at > as_at) AS in_department,
    CAST(max(epoch(as_at - arrived_at) / 60) FILTER (departed_at IS NULL OR departed_at > as_at) AS INTEGER) AS longest_wait_minutes,
    count(*) FILTER ((departed_at IS NULL OR departed_at > as_at) AND arrived_at < as_at - INTERVAL 12 HOUR) AS over_12h,
    count(*) FILTER (arrived_at > as_at - INTERVAL 1 HOUR) AS arrivals_last_hour,
    count(*) FILTER (arrived_at > as_at - INTERVAL 1 HOUR AND arrival_mode = 'ambulance') AS ambulance_last_hour,
    count(*) FILTER (is_arrived_today AND arrival_mode = 'ambulance' AND handover > 30) AS handovers_over_30,
    count(*) FILTER (departed_at <= as_at AND is_departed_today AND wait <= 240) AS departed_within_4h,
    count(*) FILTER (departed_at <= as_at AND is_departed_today) AS departed_today,
    count(*) FILTER (departed_at <= as_at AND is_departed_today AND wait > 720) AS twelve_hour_today
  FROM recent GROUP BY site_code, as_at
),
ga_wards AS (
  SELECT site_code, sum(core_beds) AS core FROM ward WHERE bed_type IN ('adult_ga', 'paed_ga') GROUP BY site_code
),
latest_sitrep AS (
  SELECT s.site_code, s.as_at, max(x.snapshot_date) AS snapshot_date
  FROM sites s JOIN bed_sitrep x ON x.site_code = s.site_code AND x.snapshot_date <= s.today
  GROUP BY s.site_code, s.as_at
),
escalation AS (
  SELECT l.site_code, l.as_at, sum(b.escalation_available) AS open
  FROM latest_sitrep l JOIN bed_sitrep b ON b.site_code = l.site_code AND b.snapshot_date = l.snapshot_date
  WHERE b.bed_type IN ('adult_ga', 'paed_ga')
  GROUP BY l.site_code, l.as_at
),
ga_stays AS (
  SELECT p.site_code, st.from_at, coalesce(st.to_at, 'infinity'::TIMESTAMP) AS to_at
  FROM ward_stay st
  JOIN ward w ON w.ward_code = st.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  JOIN spell p ON p.spell_id = st.spell_id, bounds b
  WHERE st.from_at <= b.hi AND (st.to_at IS NULL OR st.to_at > b.lo)
),
occupied AS (
  SELECT s.site_code, s.as_at, count(*) AS occupied
  FROM sites s JOIN ga_stays g ON g.site_code = s.site_code AND g.from_at <= s.as_at AND g.to_at > s.as_at
  GROUP BY s.site_code, s.as_at
),
nctr AS (
  SELECT s.site_code, s.as_at, count(*) AS patients
  FROM sites s JOIN discharge d ON d.site_code = s.site_code, bounds b
  WHERE (d.discharged_at IS NULL OR d.discharged_at > b.lo) AND d.admitted_at <= b.hi
    AND d.ready_date <= s.today AND d.admitted_at <= s.as_at
    AND (d.discharged_at IS NULL OR d.discharged_at > s.as_at)
  GROUP BY s.site_code, s.as_at
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
  CAST(n.patients AS INTEGER) AS nctr_patients
FROM sites s
LEFT JOIN ed ON ed.site_code = s.site_code AND ed.as_at = s.as_at
LEFT JOIN ga_wards g ON g.site_code = s.site_code
LEFT JOIN escalation e ON e.site_code = s.site_code AND e.as_at = s.as_at
LEFT JOIN occupied o ON o.site_code = s.site_code AND o.as_at = s.as_at
LEFT JOIN nctr n ON n.site_code = s.site_code AND n.as_at = s.as_at
ORDER BY s.site_code, s.as_at
