-- G&A stays ended by discharge in the $2 days before $1, per site: hours from admission to the
-- local midnight of the ready date (0 when ready on admission; NULL with no discharge record),
-- total hours, the pathway, days before $1, and in local days from the day of admission the ready
-- date and the discharge, with the local minute of the day of the discharge and its local day of
-- the week (Monday 0).
-- Sampled by discharge date, they are the stays of a steady state.
SELECT w.site_code, epoch(p.discharged_at - p.admitted_at) / 3600 AS stay_hours,
  CASE WHEN d.ready_date IS NOT NULL THEN least(greatest(epoch(period_day_start_utc(d.ready_date) - p.admitted_at) / 3600, 0),
    epoch(p.discharged_at - p.admitted_at) / 3600) END AS clinical_hours,
  d.pathway,
  epoch($1::TIMESTAMP - p.discharged_at) / 86400 AS days_before,
  CAST(d.ready_date - period_day(p.admitted_at) AS INTEGER) AS ready_days,
  CAST(period_day(p.discharged_at) - period_day(p.admitted_at) AS INTEGER) AS discharge_days,
  hour(timezone('Europe/London', CAST(p.discharged_at AS TIMESTAMPTZ))) * 60
    + minute(timezone('Europe/London', CAST(p.discharged_at AS TIMESTAMPTZ))) AS discharge_minute,
  isodow(timezone('Europe/London', CAST(p.discharged_at AS TIMESTAMPTZ))) - 1 AS discharge_weekday
FROM spell p
JOIN ward w ON w.ward_code = p.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
LEFT JOIN discharge d ON d.spell_id = p.spell_id
WHERE p.status = 'discharged' AND p.discharged_at <= $1::TIMESTAMP
  AND p.discharged_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
  AND p.admitted_at IS NOT NULL AND p.discharged_at >= p.admitted_at
ORDER BY w.site_code, stay_hours, p.spell_id
