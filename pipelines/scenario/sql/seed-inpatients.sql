-- Patients on each site's G&A wards at $1, with their admission and, when a discharge record
-- says they no longer met the criteria to reside by the local day of $1, the ready date's local
-- midnight (UTC) and the pathway. Later knowledge (the discharge itself) is not read.
SELECT w.site_code, s.spell_id, coalesce(p.admitted_at, s.from_at) AS admitted_at,
  CASE WHEN d.ready_date <= period_day($1::TIMESTAMP) THEN period_day_start_utc(d.ready_date) END AS ready_at,
  CASE WHEN d.ready_date <= period_day($1::TIMESTAMP) THEN d.pathway END AS pathway
FROM ward_stay s
JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
LEFT JOIN spell p ON p.spell_id = s.spell_id
LEFT JOIN discharge d ON d.spell_id = s.spell_id
WHERE s.from_at <= $1::TIMESTAMP AND (s.to_at IS NULL OR s.to_at > $1::TIMESTAMP)
ORDER BY w.site_code, s.spell_id
