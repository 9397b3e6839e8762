-- Per site, in the $2 days before $1: spells entering a G&A ward (first G&A stay) and A&E
-- attendances admitted, so the share of ED admissions reaching G&A (or the extra admissions
-- from elsewhere) can be fitted.
WITH entries AS (
  SELECT w.site_code, s.spell_id, min(s.from_at) AS entered_at
  FROM ward_stay s JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  JOIN spell p ON p.spell_id = s.spell_id
  -- a spell admitted before the window (the census of patients already in beds) is no entry
  WHERE p.admitted_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
  GROUP BY ALL
)
SELECT site_code,
  CAST(count(*) FILTER (source = 'ward') AS INTEGER) AS ward_entries,
  CAST(count(*) FILTER (source = 'ed') AS INTEGER) AS ed_admissions
FROM (
  SELECT site_code, 'ward' AS source FROM entries
  WHERE entered_at <= $1::TIMESTAMP AND entered_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
  UNION ALL
  SELECT site_code, 'ed' FROM ae_attendance
  WHERE disposal = 'admitted' AND departed_at <= $1::TIMESTAMP
    AND departed_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
)
GROUP BY site_code
