-- A&E sufficient statistics per site × local day (every breakdown) and per site × UTC hour
-- (totals), for the site-days in _scope_site_day. $1, $2: UTC bounds that cover those days.
-- Planned follow-ups (category 4) are excluded; completed-attendance measures use only
-- attendances with a departure. Re-attendance (ECDS CQI): an unplanned attendance whose
-- patient had an earlier unplanned attendance in this warehouse within the previous 7 days.
WITH scoped AS MATERIALIZED (
  SELECT a.*, period_day(a.arrived_at) AS day
  FROM ae_attendance a
  SEMI JOIN _scope_site_day t ON t.site_code = a.site_code AND t.day = period_day(a.arrived_at)
  WHERE a.arrived_at >= $1::TIMESTAMP AND a.arrived_at < $2::TIMESTAMP AND a.attendance_category <> '4'
),
-- Each scoped patient's attendances from 7 days before the scope on (only theirs: the lag
-- is per patient).
history AS (
  SELECT attendance_id,
    lag(arrived_at) OVER (PARTITION BY patient_id ORDER BY arrived_at, attendance_id) AS previous_arrival
  FROM ae_attendance
  WHERE arrived_at >= $1::TIMESTAMP - INTERVAL 7 DAY AND arrived_at < $2::TIMESTAMP
    AND attendance_category <> '4' AND patient_id IS NOT NULL
    AND patient_id IN (SELECT patient_id FROM scoped)
),
flagged AS (
  SELECT s.site_code, s.day, date_trunc('hour', s.arrived_at) AS hour_start,
    coalesce(CAST(s.imd_decile AS VARCHAR), 'Unknown') AS imd_decile,
    CASE WHEN s.imd_decile IS NULL THEN 'Unknown' ELSE CAST((s.imd_decile + 1) // 2 AS VARCHAR) END AS imd_quintile,
    CASE WHEN s.imd_decile IS NULL THEN 'Unknown' WHEN s.imd_decile <= 2 THEN 'Core20' ELSE 'Rest' END AS core20,
    coalesce(s.ethnic_group, 'Unknown') AS ethnic_group,
    esp_age_band(s.age_years) AS age_band,
    coalesce(s.sex, 'U') AS sex,
    CASE WHEN s.disposal = 'admitted' THEN 'admitted' ELSE 'not_admitted' END AS admission,
    s.departed_at IS NOT NULL AS is_completed,
    s.department_type = '01' AS is_type1,
    s.disposal = 'admitted' AS is_admitted,
    s.arrival_mode = 'ambulance' AS is_ambulance,
    s.attendance_source = 'nhs111_online' AS is_online,
    s.patient_id IS NOT NULL AS has_patient,
    coalesce(h.previous_arrival >= s.arrived_at - INTERVAL 7 DAY, false) AS is_reattendance,
    epoch(s.departed_at - s.arrived_at) / 60 AS wait,
    epoch(s.departed_at - s.decided_to_admit_at) / 60 AS dta_wait,
    epoch(s.initial_assessment_at - s.arrived_at) / 60 AS assessment,
    CASE WHEN s.arrival_mode = 'ambulance' THEN epoch(s.ambulance_handover_at - s.arrived_at) / 60 END AS handover
  FROM scoped s
  LEFT JOIN history h ON h.attendance_id = s.attendance_id
),
grouped AS (
  SELECT site_code, day, hour_start,
    CASE
      WHEN GROUPING(imd_decile) = 0 THEN 'imd_decile'
      WHEN GROUPING(imd_quintile) = 0 THEN 'imd_quintile'
      WHEN GROUPING(core20) = 0 THEN 'core20'
      WHEN GROUPING(ethnic_group) = 0 THEN 'ethnic_group'
      WHEN GROUPING(age_band) = 0 THEN 'age_band'
      WHEN GROUPING(sex) = 0 THEN 'sex'
      WHEN GROUPING(admission) = 0 THEN 'admission'
      ELSE 'total' END AS dimension,
    coalesce(imd_decile, imd_quintile, core20, ethnic_group, age_band, sex, admission, 'all') AS category,
    count(*) AS attendances,
    count(*) FILTER (is_completed) AS completed,
    count(*) FILTER (is_completed AND wait <= 240) AS within_4h,
    count(*) FILTER (is_completed AND is_type1) AS completed_type1,
    count(*) FILTER (is_completed AND is_type1 AND wait <= 240) AS within_4h_type1,
    count(*) FILTER (is_completed AND wait > 720) AS over_12h,
    sum(wait) FILTER (is_completed) AS wait_sum,
    sum(wait * wait) FILTER (is_completed) AS wait_squares,
    count(*) FILTER (is_admitted) AS admitted,
    count(*) FILTER (is_admitted AND dta_wait > 720) AS dta_12h,
    count(assessment) AS assessed,
    sum(assessment) AS assessment_sum,
    sum(assessment * assessment) AS assessment_squares,
    count(*) FILTER (is_ambulance) AS ambulance,
    count(handover) AS handovers,
    count(*) FILTER (handover > 30) AS handover_over_30,
    count(*) FILTER (handover > 60) AS handover_over_60,
    sum(handover) AS handover_sum,
    sum(handover * handover) AS handover_squares,
    count(*) FILTER (has_patient) AS with_patient,
    count(*) FILTER (is_reattendance) AS reattendances,
    count(*) FILTER (is_online) AS online
  FROM flagged
  GROUP BY GROUPING SETS (
    (site_code, day, hour_start), (site_code, day),
    (site_code, day, imd_decile), (site_code, day, imd_quintile), (site_code, day, core20),
    (site_code, day, ethnic_group), (site_code, day, age_band), (site_code, day, sex),
    (site_code, day, admission))
),
measures AS (
  SELECT site_code, day, hour_start, dimension, category, unnest([
    {id: 'ae_attendances', n: attendances, d: NULL, ss: NULL},
    {id: 'ae_4h_performance', n: within_4h, d: completed, ss: NULL},
    {id: 'ae_4h_performance_type1', n: within_4h_type1, d: completed_type1, ss: NULL},
    {id: 'ae_12h_from_arrival', n: over_12h, d: completed, ss: NULL},
    {id: 'ae_12h_from_dta', n: dta_12h, d: NULL, ss: NULL},
    {id: 'ae_12h_from_dta_share', n: dta_12h, d: admitted, ss: NULL},
    {id: 'ae_emergency_admissions', n: admitted, d: NULL, ss: NULL},
    {id: 'ae_time_in_department', n: wait_sum, d: completed, ss: wait_squares},
    {id: 'time_to_initial_assessment', n: assessment_sum, d: assessed, ss: assessment_squares},
    {id: 'ambulance_arrivals', n: ambulance, d: NULL, ss: NULL},
    {id: 'ambulance_handover_over_30', n: handover_over_30, d: handovers, ss: NULL},
    {id: 'ambulance_handover_over_60', n: handover_over_60, d: handovers, ss: NULL},
    {id: 'ambulance_handover_mean', n: handover_sum, d: handovers, ss: handover_squares},
    {id: 'reattendance_7d', n: reattendances, d: with_patient, ss: NULL},
    {id: 'ae_booked_online', n: online, d: attendances, ss: NULL}
  ]) AS m
  FROM grouped
)
SELECT m.id AS indicator_id, site_code, day, hour_start, dimension, category,
  CAST(coalesce(m.n, 0) AS DOUBLE) AS numerator, CAST(m.d AS DOUBLE) AS denominator,
  CAST(m.ss AS DOUBLE) AS sum_squares
FROM measures
WHERE m.d IS NULL OR m.d > 0
