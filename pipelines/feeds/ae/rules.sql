-- Validates the staged A&E rows in one pass: each row gets the first rule it fails
-- (reason_code, detail; reasons.ts has the plain-English text) or none, plus its values
-- typed as ae_attendance. Codes map as format.ts says. The pseudonym is computed only for
-- rows that pass; the NHS number itself is never selected into the result. Empty fields are
-- NULL (read_csv); values are not trimmed: ' 01' is not a department type.
CREATE TEMP TABLE {{checked}} AS
WITH v0 AS (
  SELECT
    r.*,
    r.EC_Ident AS x_id,
    r.Provider_Code AS x_trust,
    r.Site_Code AS x_site,
    r.EC_Department_Type AS x_dept,
    r.EC_Attendance_Category AS x_cat,
    r.EC_Arrival_Date_Time AS x_arrival,
    r.EC_Arrival_Mode AS x_mode,
    r.EC_Attendance_Source AS x_source,
    r.EC_Booked_Appointment AS x_booked,
    r.EC_Acuity AS x_acuity,
    r.Ambulance_Handover_Date_Time AS x_handover,
    r.EC_Initial_Assessment_Date_Time AS x_assessed,
    r.EC_Seen_For_Treatment_Date_Time AS x_seen,
    r.EC_Decision_To_Admit_Date_Time AS x_dta,
    r.EC_Departure_Date_Time AS x_departure,
    r.EC_Discharge_Status AS x_status,
    r.Age_At_Arrival AS x_age,
    r.Sex AS x_sex,
    r.Ethnic_Category AS x_ethnic,
    r.LSOA_Code AS x_lsoa,
    r.NHS_Number AS x_nhs
  FROM {{lined}} r
), v AS (
  SELECT
    v0.*,
    iso_offset_to_utc(x_arrival) AS t_arrival,
    iso_offset_to_utc(x_handover) AS t_handover,
    iso_offset_to_utc(x_assessed) AS t_assessed,
    iso_offset_to_utc(x_seen) AS t_seen,
    iso_offset_to_utc(x_dta) AS t_dta,
    iso_offset_to_utc(x_departure) AS t_departure,
    try_cast(x_acuity AS TINYINT) AS t_acuity,
    try_cast(x_age AS SMALLINT) AS t_age,
    s.org_code AS site_found,
    s.trust_code AS site_trust,
    l.imd_decile AS t_imd_decile
  FROM v0
  LEFT JOIN org s ON s.org_code = v0.x_site AND s.org_type = 'site'
  LEFT JOIN lsoa l ON l.lsoa_code = v0.x_lsoa
), c AS (
  SELECT
    v.*,
    CASE
      WHEN x_id IS NULL OR x_trust IS NULL OR x_site IS NULL OR x_dept IS NULL OR x_cat IS NULL
        OR x_arrival IS NULL OR x_mode IS NULL OR x_source IS NULL OR x_booked IS NULL
      THEN {'code': 'required_missing', 'detail': 'missing: ' || concat_ws(', ',
        CASE WHEN x_id IS NULL THEN 'EC_Ident' END,
        CASE WHEN x_trust IS NULL THEN 'Provider_Code' END,
        CASE WHEN x_site IS NULL THEN 'Site_Code' END,
        CASE WHEN x_dept IS NULL THEN 'EC_Department_Type' END,
        CASE WHEN x_cat IS NULL THEN 'EC_Attendance_Category' END,
        CASE WHEN x_arrival IS NULL THEN 'EC_Arrival_Date_Time' END,
        CASE WHEN x_mode IS NULL THEN 'EC_Arrival_Mode' END,
        CASE WHEN x_source IS NULL THEN 'EC_Attendance_Source' END,
        CASE WHEN x_booked IS NULL THEN 'EC_Booked_Appointment' END)}
      WHEN t_arrival IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'EC_Arrival_Date_Time "' || x_arrival || '" is not an ISO 8601 date-time with offset'}
      WHEN x_handover IS NOT NULL AND t_handover IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'Ambulance_Handover_Date_Time "' || x_handover || '" is not an ISO 8601 date-time with offset'}
      WHEN x_assessed IS NOT NULL AND t_assessed IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'EC_Initial_Assessment_Date_Time "' || x_assessed || '" is not an ISO 8601 date-time with offset'}
      WHEN x_seen IS NOT NULL AND t_seen IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'EC_Seen_For_Treatment_Date_Time "' || x_seen || '" is not an ISO 8601 date-time with offset'}
      WHEN x_dta IS NOT NULL AND t_dta IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'EC_Decision_To_Admit_Date_Time "' || x_dta || '" is not an ISO 8601 date-time with offset'}
      WHEN x_departure IS NOT NULL AND t_departure IS NULL
        THEN {'code': 'invalid_datetime', 'detail': 'EC_Departure_Date_Time "' || x_departure || '" is not an ISO 8601 date-time with offset'}
      WHEN x_age IS NOT NULL AND (t_age IS NULL OR NOT regexp_full_match(x_age, '[0-9]+'))
        THEN {'code': 'invalid_number', 'detail': 'Age_At_Arrival "' || x_age || '" is not a whole number of years'}
      WHEN x_dept NOT IN ('01', '02', '03', '04', '05')
        THEN {'code': 'unknown_code', 'detail': 'EC_Department_Type "' || x_dept || '" is not 01–05'}
      WHEN x_cat NOT IN ('1', '2', '3', '4')
        THEN {'code': 'unknown_code', 'detail': 'EC_Attendance_Category "' || x_cat || '" is not 1–4'}
      WHEN x_mode NOT IN ('AMB', 'AIR', 'WALK', 'POL', 'OTH')
        THEN {'code': 'unknown_code', 'detail': 'EC_Arrival_Mode "' || x_mode || '" is not AMB, AIR, WALK, POL or OTH'}
      WHEN x_source NOT IN ('SELF', 'NHS111_ONLINE', 'NHS111_PHONE', 'GP', 'AMB', 'OTH')
        THEN {'code': 'unknown_code', 'detail': 'EC_Attendance_Source "' || x_source || '" is not a known source'}
      WHEN x_booked NOT IN ('Y', 'N')
        THEN {'code': 'unknown_code', 'detail': 'EC_Booked_Appointment "' || x_booked || '" is not Y or N'}
      WHEN x_acuity IS NOT NULL AND x_acuity NOT IN ('1', '2', '3', '4', '5')
        THEN {'code': 'unknown_code', 'detail': 'EC_Acuity "' || x_acuity || '" is not 1–5'}
      WHEN x_status IS NOT NULL AND x_status NOT IN ('ADM', 'DIS', 'TRF', 'LBT', 'DIED')
        THEN {'code': 'unknown_code', 'detail': 'EC_Discharge_Status "' || x_status || '" is not ADM, DIS, TRF, LBT or DIED'}
      WHEN x_sex IS NOT NULL AND x_sex NOT IN ('1', '2', '9', 'X')
        THEN {'code': 'unknown_code', 'detail': 'Sex "' || x_sex || '" is not 1, 2, 9 or X'}
      WHEN x_ethnic IS NOT NULL AND x_ethnic NOT IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99')
        THEN {'code': 'unknown_code', 'detail': 'Ethnic_Category "' || x_ethnic || '" is not an NHS ethnic category'}
      WHEN site_found IS NULL
        THEN {'code': 'unknown_site', 'detail': 'Site_Code "' || x_site || '" is not a known site'}
      WHEN site_trust IS DISTINCT FROM x_trust
        THEN {'code': 'site_provider_mismatch', 'detail': 'site ' || x_site || ' belongs to ' || coalesce(site_trust, 'no trust') || ', not ' || x_trust}
      WHEN x_nhs IS NOT NULL AND NOT regexp_full_match(x_nhs, '[0-9]{10}')
        THEN {'code': 'nhs_number_format', 'detail': 'NHS_Number is not 10 digits (' || length(x_nhs) || ' characters)'}
      WHEN x_nhs IS NOT NULL AND NOT nhs_number_value_checksum_ok(CAST(x_nhs AS BIGINT))
        THEN {'code': 'nhs_number_checksum', 'detail': 'NHS_Number fails the modulus 11 check'}
      WHEN t_age NOT BETWEEN 0 AND 120
        THEN {'code': 'age_out_of_range', 'detail': 'Age_At_Arrival ' || t_age || ' is outside 0–120'}
      WHEN t_departure < t_arrival
        THEN {'code': 'departure_before_arrival', 'detail': 'departure ' || x_departure || ' is before arrival ' || x_arrival}
      WHEN t_handover < t_arrival OR t_assessed < t_arrival OR t_seen < t_arrival OR t_dta < t_arrival
        THEN {'code': 'event_before_arrival', 'detail': concat_ws(', ',
          CASE WHEN t_handover < t_arrival THEN 'ambulance handover' END,
          CASE WHEN t_assessed < t_arrival THEN 'initial assessment' END,
          CASE WHEN t_seen < t_arrival THEN 'seen for treatment' END,
          CASE WHEN t_dta < t_arrival THEN 'decision to admit' END) || ' before arrival ' || x_arrival}
      WHEN t_handover > t_departure OR t_assessed > t_departure OR t_seen > t_departure OR t_dta > t_departure
        THEN {'code': 'event_after_departure', 'detail': concat_ws(', ',
          CASE WHEN t_handover > t_departure THEN 'ambulance handover' END,
          CASE WHEN t_assessed > t_departure THEN 'initial assessment' END,
          CASE WHEN t_seen > t_departure THEN 'seen for treatment' END,
          CASE WHEN t_dta > t_departure THEN 'decision to admit' END) || ' after departure ' || x_departure}
    END AS failure
  FROM v
)
SELECT
  line,
  failure.code AS reason_code,
  failure.detail AS detail,
  CASE WHEN failure IS NOT NULL THEN concat_ws(',',
    csv_field(EC_Ident), csv_field(Provider_Code), csv_field(Site_Code), csv_field(EC_Department_Type),
    csv_field(EC_Attendance_Category), csv_field(EC_Arrival_Date_Time), csv_field(EC_Arrival_Mode),
    csv_field(EC_Attendance_Source), csv_field(EC_Booked_Appointment), csv_field(EC_Acuity),
    csv_field(Ambulance_Handover_Date_Time), csv_field(EC_Initial_Assessment_Date_Time),
    csv_field(EC_Seen_For_Treatment_Date_Time), csv_field(EC_Decision_To_Admit_Date_Time),
    csv_field(EC_Departure_Date_Time), csv_field(EC_Discharge_Status), csv_field(Age_At_Arrival),
    csv_field(Sex), csv_field(Ethnic_Category), csv_field(LSOA_Code),
    CASE WHEN NHS_Number IS NULL THEN '' ELSE '**********' END) END AS raw_text,
  x_id AS attendance_id,
  x_trust AS trust_code,
  x_site AS site_code,
  x_dept AS department_type,
  x_cat AS attendance_category,
  t_arrival AS arrived_at,
  CASE x_mode WHEN 'AMB' THEN 'ambulance' WHEN 'AIR' THEN 'ambulance' WHEN 'WALK' THEN 'walk_in' ELSE 'other' END AS arrival_mode,
  CASE x_source
    WHEN 'SELF' THEN 'self' WHEN 'NHS111_ONLINE' THEN 'nhs111_online' WHEN 'NHS111_PHONE' THEN 'nhs111_phone'
    WHEN 'GP' THEN 'gp' WHEN 'AMB' THEN 'ambulance' ELSE 'other' END AS attendance_source,
  x_booked = 'Y' AS is_booked,
  t_acuity AS acuity,
  t_handover AS ambulance_handover_at,
  t_assessed AS initial_assessment_at,
  t_seen AS seen_at,
  t_dta AS decided_to_admit_at,
  t_departure AS departed_at,
  CASE x_status
    WHEN 'ADM' THEN 'admitted' WHEN 'DIS' THEN 'discharged' WHEN 'TRF' THEN 'transferred'
    WHEN 'LBT' THEN 'left_before_treatment' WHEN 'DIED' THEN 'died' END AS disposal,
  CAST(floor((epoch(t_departure) - epoch(t_arrival)) / 60) AS INTEGER) AS wait_minutes,
  CAST(floor((epoch(t_handover) - epoch(t_arrival)) / 60) AS INTEGER) AS handover_minutes,
  t_age AS age_years,
  CASE x_sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' WHEN '9' THEN 'X' WHEN 'X' THEN 'U' END AS sex,
  x_ethnic AS ethnic_category,
  ethnic_group_of(x_ethnic) AS ethnic_group,
  x_lsoa AS lsoa_code,
  t_imd_decile AS imd_decile,
  CASE WHEN failure IS NULL AND x_nhs IS NOT NULL
    THEN nhs_pseudonym(x_nhs, getvariable('feed_ipad'), getvariable('feed_opad')) END AS patient_id
FROM c;
