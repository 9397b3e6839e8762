-- Validates the staged discharge rows: each row gets the first rule it fails (reason_code,
-- detail; reasons.ts has the plain-English text) or none, plus its values typed as
-- discharge. The acute discharge return covers adults, so ages run 18–120. Delay reasons are
-- matched on their normal form (normalise_delay_reason, migration 020) to delay_reason's
-- text, or on its reason_code. The ready date and the discharge are compared with the
-- admission and each other as Europe/London calendar dates; delay_days = discharge date −
-- ready date. The pseudonym is computed only for rows that pass.
CREATE TEMP TABLE {{checked}} AS
WITH reasons AS (
  SELECT normalise_delay_reason(reason_text) AS reason_key, reason_code FROM delay_reason
  UNION
  SELECT reason_code, reason_code FROM delay_reason
), v AS (
  SELECT
    r.*,
    iso_offset_to_utc(r.Admission_Date_Time) AS t_admitted,
    iso_offset_to_utc(r.Discharge_Date_Time) AS t_discharged,
    CASE WHEN regexp_full_match(r.Discharge_Ready_Date, '\d{4}-\d\d-\d\d') THEN try_cast(r.Discharge_Ready_Date AS DATE) END AS t_ready,
    CASE WHEN regexp_full_match(r.Age_At_Admission, '[0-9]+') THEN try_cast(r.Age_At_Admission AS SMALLINT) END AS t_age,
    s.org_code AS site_found,
    s.trust_code AS site_trust,
    d.reason_code AS t_reason
  FROM {{lined}} r
  LEFT JOIN org s ON s.org_code = r.Site_Code AND s.org_type = 'site'
  LEFT JOIN reasons d ON d.reason_key = normalise_delay_reason(r.Delay_Reason)
), w AS (
  SELECT
    v.*,
    CAST(strptime(london_day(t_admitted), '%Y-%m-%d') AS DATE) AS t_admitted_day,
    CAST(strptime(london_day(t_discharged), '%Y-%m-%d') AS DATE) AS t_discharged_day
  FROM v
), c AS (
  SELECT
    w.*,
    CASE
      WHEN Spell_Id IS NULL OR Provider_Code IS NULL OR Site_Code IS NULL OR Admission_Date_Time IS NULL
      THEN {'code': 'required_missing', 'detail': 'missing: ' || concat_ws(', ',
        CASE WHEN Spell_Id IS NULL THEN 'Spell_Id' END,
        CASE WHEN Provider_Code IS NULL THEN 'Provider_Code' END,
        CASE WHEN Site_Code IS NULL THEN 'Site_Code' END,
        CASE WHEN Admission_Date_Time IS NULL THEN 'Admission_Date_Time' END)}
      WHEN t_admitted IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'Admission_Date_Time "' || Admission_Date_Time || '" is not an ISO 8601 date-time with offset'}
      WHEN Discharge_Date_Time IS NOT NULL AND t_discharged IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'Discharge_Date_Time "' || Discharge_Date_Time || '" is not an ISO 8601 date-time with offset'}
      WHEN Discharge_Ready_Date IS NOT NULL AND t_ready IS NULL
        THEN {'code': 'invalid_date', 'detail': 'Discharge_Ready_Date "' || Discharge_Ready_Date || '" is not a YYYY-MM-DD date'}
      WHEN Age_At_Admission IS NOT NULL AND t_age IS NULL
        THEN {'code': 'invalid_number', 'detail': 'Age_At_Admission "' || Age_At_Admission || '" is not a whole number of years'}
      WHEN Discharge_Pathway IS NOT NULL AND Discharge_Pathway NOT IN ('0', '1', '2', '3')
        THEN {'code': 'unknown_code', 'detail': 'Discharge_Pathway "' || Discharge_Pathway || '" is not 0, 1, 2 or 3'}
      WHEN Sex IS NOT NULL AND Sex NOT IN ('1', '2', '9', 'X')
        THEN {'code': 'unknown_code', 'detail': 'Sex "' || Sex || '" is not 1, 2, 9 or X'}
      WHEN Delay_Reason IS NOT NULL AND t_reason IS NULL
        THEN {'code': 'unknown_code', 'detail': 'Delay_Reason "' || normalise_delay_reason(Delay_Reason) || '" is not one of the published delay reasons'}
      WHEN site_found IS NULL
        THEN {'code': 'unknown_site', 'detail': 'Site_Code "' || Site_Code || '" is not a known site'}
      WHEN site_trust IS DISTINCT FROM Provider_Code
        THEN {'code': 'site_provider_mismatch', 'detail': 'site ' || Site_Code || ' belongs to ' || coalesce(site_trust, 'no trust') || ', not ' || Provider_Code}
      WHEN NHS_Number IS NOT NULL AND NOT regexp_full_match(NHS_Number, '[0-9]{10}')
        THEN {'code': 'nhs_number_format', 'detail': 'NHS_Number is not 10 digits (' || length(NHS_Number) || ' characters)'}
      WHEN NHS_Number IS NOT NULL AND NOT nhs_number_value_checksum_ok(CAST(NHS_Number AS BIGINT))
        THEN {'code': 'nhs_number_checksum', 'detail': 'NHS_Number fails the modulus 11 check'}
      WHEN t_age NOT BETWEEN 18 AND 120
        THEN {'code': 'age_out_of_range', 'detail': 'Age_At_Admission ' || t_age || ' is outside 18–120 (the return covers adults)'}
      WHEN t_discharged < t_admitted
        THEN {'code': 'discharge_before_admission', 'detail': 'discharge ' || Discharge_Date_Time || ' is before admission ' || Admission_Date_Time}
      WHEN t_ready < t_admitted_day
        THEN {'code': 'ready_before_admission', 'detail': 'ready date ' || Discharge_Ready_Date || ' is before the admission day ' || t_admitted_day}
      WHEN t_ready > t_discharged_day
        THEN {'code': 'ready_after_discharge', 'detail': 'ready date ' || Discharge_Ready_Date || ' is after the discharge day ' || t_discharged_day}
    END AS failure
  FROM w
)
SELECT
  line,
  failure.code AS reason_code,
  failure.detail AS detail,
  CASE WHEN failure IS NOT NULL THEN concat_ws(',',
    csv_field(Spell_Id), csv_field(Provider_Code), csv_field(Site_Code),
    CASE WHEN NHS_Number IS NULL THEN '' ELSE '**********' END,
    csv_field(Admission_Date_Time), csv_field(Discharge_Ready_Date), csv_field(Discharge_Date_Time),
    csv_field(Discharge_Pathway), csv_field(Delay_Reason), csv_field(Local_Authority_Code),
    csv_field(Age_At_Admission), csv_field(Sex)) END AS raw_text,
  Spell_Id AS spell_id,
  CASE WHEN failure IS NULL AND NHS_Number IS NOT NULL
    THEN nhs_pseudonym(NHS_Number, getvariable('feed_ipad'), getvariable('feed_opad')) END AS patient_id,
  Provider_Code AS trust_code,
  Site_Code AS site_code,
  t_admitted AS admitted_at,
  t_ready AS ready_date,
  t_discharged AS discharged_at,
  CAST(Discharge_Pathway AS TINYINT) AS pathway,
  t_reason AS delay_reason_code,
  Local_Authority_Code AS la_code,
  t_age AS age_years,
  CASE Sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' WHEN '9' THEN 'X' WHEN 'X' THEN 'U' END AS sex,
  CAST(t_discharged_day - t_ready AS INTEGER) AS delay_days
FROM c;
