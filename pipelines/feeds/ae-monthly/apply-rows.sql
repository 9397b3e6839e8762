-- Applies aem_good to ae_monthly: a new (period, org) is inserted; one identical to the
-- stored row is a duplicate; one that differs replaces it (a revised publication), the old
-- row moving to ae_monthly_history. $1 file id, $2 time of the load (UTC).
CREATE OR REPLACE TEMP TABLE aem_match AS
SELECT g.*, m.record_version AS old_version,
  CASE
    WHEN m.org_code IS NULL THEN 'new'
    WHEN row(g.parent_org, g.org_name, g.att_type1, g.att_type2, g.att_other, g.att_booked_type1, g.att_booked_type2,
             g.att_booked_other, g.over4h_type1, g.over4h_type2, g.over4h_other, g.over4h_booked_type1,
             g.over4h_booked_type2, g.over4h_booked_other, g.dta_4_12h, g.dta_12h_plus, g.emergency_admissions_type1,
             g.emergency_admissions_type2, g.emergency_admissions_other, g.other_emergency_admissions, g.source_format)
         IS NOT DISTINCT FROM
         row(m.parent_org, m.org_name, m.att_type1, m.att_type2, m.att_other, m.att_booked_type1, m.att_booked_type2,
             m.att_booked_other, m.over4h_type1, m.over4h_type2, m.over4h_other, m.over4h_booked_type1,
             m.over4h_booked_type2, m.over4h_booked_other, m.dta_4_12h, m.dta_12h_plus, m.emergency_admissions_type1,
             m.emergency_admissions_type2, m.emergency_admissions_other, m.other_emergency_admissions, m.source_format)
      THEN 'same'
    ELSE 'changed'
  END AS outcome
FROM aem_good g
LEFT JOIN ae_monthly m ON m.period_start = g.period_start AND m.org_code = g.org_code;

INSERT INTO ae_monthly_history
SELECT m.*, $1::BIGINT, $2::TIMESTAMP
FROM ae_monthly m
JOIN aem_match x ON x.period_start = m.period_start AND x.org_code = m.org_code
WHERE x.outcome = 'changed';

DELETE FROM ae_monthly USING aem_match x
WHERE x.period_start = ae_monthly.period_start AND x.org_code = ae_monthly.org_code AND x.outcome = 'changed';

INSERT INTO ae_monthly
SELECT period_start, org_code, parent_org, org_name, att_type1, att_type2, att_other, att_booked_type1,
  att_booked_type2, att_booked_other, over4h_type1, over4h_type2, over4h_other, over4h_booked_type1,
  over4h_booked_type2, over4h_booked_other, dta_4_12h, dta_12h_plus, emergency_admissions_type1,
  emergency_admissions_type2, emergency_admissions_other, other_emergency_admissions, source_format,
  $1::BIGINT, source_line, $2::TIMESTAMP, coalesce(old_version, 0) + 1
FROM aem_match
WHERE outcome <> 'same'
ORDER BY period_start, org_code;

INSERT INTO quarantine
SELECT $1::BIGINT, 'ae-monthly', line_number, reason_code, detail, raw_text
FROM aem_status
WHERE status = 'quarantined'
ORDER BY line_number;
