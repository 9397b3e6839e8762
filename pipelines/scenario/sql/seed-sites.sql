-- The sites a scenario simulates: every site of the ICSs in $3 (comma-separated codes) with A&E
-- arrivals in the $2 days before $1 (UTC), with its trust, department type, G&A core beds (ward
-- reference, adult + paediatric) and the G&A escalation beds open at its last sitrep on or before
-- the local day of $1.
WITH active AS (
  SELECT DISTINCT site_code FROM ae_attendance
  WHERE arrived_at <= $1::TIMESTAMP AND arrived_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
)
SELECT o.org_code AS site_code, o.org_name AS site_name,
  coalesce(o.trust_code, o.parent_code) AS trust_code, t.org_name AS trust_name, o.ics_code,
  coalesce(i.org_name, o.ics_code) AS ics_name,
  coalesce(o.department_type, 'other') AS department_type,
  CAST(coalesce((SELECT sum(w.core_beds) FROM ward w
    WHERE w.site_code = o.org_code AND w.bed_type IN ('adult_ga', 'paed_ga')), 0) AS INTEGER) AS ga_beds_core,
  CAST(coalesce((SELECT sum(b.escalation_available) FROM bed_sitrep b
    WHERE b.site_code = o.org_code AND b.bed_type IN ('adult_ga', 'paed_ga')
      AND b.snapshot_date = (SELECT max(x.snapshot_date) FROM bed_sitrep x
        WHERE x.site_code = o.org_code AND x.snapshot_date <= period_day($1::TIMESTAMP))), 0) AS INTEGER)
    AS ga_beds_escalation
FROM org o
JOIN active a ON a.site_code = o.org_code
LEFT JOIN org t ON t.org_code = coalesce(o.trust_code, o.parent_code)
LEFT JOIN org i ON i.org_code = o.ics_code AND i.org_type = 'ics'
WHERE o.org_type = 'site' AND list_contains(string_split($3, ','), o.ics_code)
ORDER BY o.org_code
