-- Validates the staged sitrep rows: each row gets the first rule it fails (reason_code,
-- detail; reasons.ts has the plain-English text) or none, plus its values typed as
-- bed_sitrep. Counts are whole numbers ≥ 0. An occupied bed is an available bed (the sitrep
-- counts available beds whether or not they are occupied), so occupied may not exceed core
-- plus escalation beds available; void beds are closed beds and are not compared. Patients
-- with a length of stay of 21+ days are among those of 14+, and those among 7+ and occupied.
CREATE TEMP TABLE {{checked}} AS
WITH v AS (
  SELECT
    r.*,
    CASE WHEN regexp_full_match(r.Snapshot_Date, '\d{4}-\d\d-\d\d') THEN try_cast(r.Snapshot_Date AS DATE) END AS t_date,
    CASE WHEN regexp_full_match(r.Core_Beds_Available, '-?[0-9]+') THEN try_cast(r.Core_Beds_Available AS INTEGER) END AS t_core,
    CASE WHEN regexp_full_match(r.Escalation_Beds_Available, '-?[0-9]+') THEN try_cast(r.Escalation_Beds_Available AS INTEGER) END AS t_escalation,
    CASE WHEN regexp_full_match(r.Beds_Occupied, '-?[0-9]+') THEN try_cast(r.Beds_Occupied AS INTEGER) END AS t_occupied,
    CASE WHEN regexp_full_match(r.Void_Beds, '-?[0-9]+') THEN try_cast(r.Void_Beds AS INTEGER) END AS t_void,
    CASE WHEN regexp_full_match(r.LoS_7_Plus, '-?[0-9]+') THEN try_cast(r.LoS_7_Plus AS INTEGER) END AS t_los7,
    CASE WHEN regexp_full_match(r.LoS_14_Plus, '-?[0-9]+') THEN try_cast(r.LoS_14_Plus AS INTEGER) END AS t_los14,
    CASE WHEN regexp_full_match(r.LoS_21_Plus, '-?[0-9]+') THEN try_cast(r.LoS_21_Plus AS INTEGER) END AS t_los21,
    s.org_code AS site_found,
    s.trust_code AS site_trust
  FROM {{lined}} r
  LEFT JOIN org s ON s.org_code = r.Site_Code AND s.org_type = 'site'
), c AS (
  SELECT
    v.*,
    CASE
      WHEN Snapshot_Date IS NULL OR Provider_Code IS NULL OR Site_Code IS NULL OR Bed_Type IS NULL
        OR Core_Beds_Available IS NULL OR Escalation_Beds_Available IS NULL OR Beds_Occupied IS NULL
        OR Void_Beds IS NULL
      THEN {'code': 'required_missing', 'detail': 'missing: ' || concat_ws(', ',
        CASE WHEN Snapshot_Date IS NULL THEN 'Snapshot_Date' END,
        CASE WHEN Provider_Code IS NULL THEN 'Provider_Code' END,
        CASE WHEN Site_Code IS NULL THEN 'Site_Code' END,
        CASE WHEN Bed_Type IS NULL THEN 'Bed_Type' END,
        CASE WHEN Core_Beds_Available IS NULL THEN 'Core_Beds_Available' END,
        CASE WHEN Escalation_Beds_Available IS NULL THEN 'Escalation_Beds_Available' END,
        CASE WHEN Beds_Occupied IS NULL THEN 'Beds_Occupied' END,
        CASE WHEN Void_Beds IS NULL THEN 'Void_Beds' END)}
      WHEN t_date IS NULL
        THEN {'code': 'invalid_date', 'detail': 'Snapshot_Date "' || Snapshot_Date || '" is not a YYYY-MM-DD date'}
      WHEN t_core IS NULL OR t_escalation IS NULL OR t_occupied IS NULL OR t_void IS NULL
        OR (LoS_7_Plus IS NOT NULL AND t_los7 IS NULL) OR (LoS_14_Plus IS NOT NULL AND t_los14 IS NULL)
        OR (LoS_21_Plus IS NOT NULL AND t_los21 IS NULL)
      THEN {'code': 'invalid_number', 'detail': 'not a whole number: ' || concat_ws(', ',
        CASE WHEN t_core IS NULL THEN 'Core_Beds_Available "' || Core_Beds_Available || '"' END,
        CASE WHEN t_escalation IS NULL THEN 'Escalation_Beds_Available "' || Escalation_Beds_Available || '"' END,
        CASE WHEN t_occupied IS NULL THEN 'Beds_Occupied "' || Beds_Occupied || '"' END,
        CASE WHEN t_void IS NULL THEN 'Void_Beds "' || Void_Beds || '"' END,
        CASE WHEN LoS_7_Plus IS NOT NULL AND t_los7 IS NULL THEN 'LoS_7_Plus "' || LoS_7_Plus || '"' END,
        CASE WHEN LoS_14_Plus IS NOT NULL AND t_los14 IS NULL THEN 'LoS_14_Plus "' || LoS_14_Plus || '"' END,
        CASE WHEN LoS_21_Plus IS NOT NULL AND t_los21 IS NULL THEN 'LoS_21_Plus "' || LoS_21_Plus || '"' END)}
      WHEN Bed_Type NOT IN ('adult_ga', 'paed_ga', 'adult_cc', 'picu', 'nicu')
        THEN {'code': 'unknown_code', 'detail': 'Bed_Type "' || Bed_Type || '" is not adult_ga, paed_ga, adult_cc, picu or nicu'}
      WHEN site_found IS NULL
        THEN {'code': 'unknown_site', 'detail': 'Site_Code "' || Site_Code || '" is not a known site'}
      WHEN site_trust IS DISTINCT FROM Provider_Code
        THEN {'code': 'site_provider_mismatch', 'detail': 'site ' || Site_Code || ' belongs to ' || coalesce(site_trust, 'no trust') || ', not ' || Provider_Code}
      WHEN least(t_core, t_escalation, t_occupied, t_void, coalesce(t_los7, 0), coalesce(t_los14, 0), coalesce(t_los21, 0)) < 0
        THEN {'code': 'negative_beds', 'detail': 'a bed or patient count is negative'}
      WHEN t_occupied > t_core + t_escalation
        THEN {'code': 'occupied_exceeds_available', 'detail': 'occupied ' || t_occupied || ' > core ' || t_core || ' + escalation ' || t_escalation}
      WHEN t_los21 > t_los14 OR t_los14 > t_los7 OR t_los7 > t_occupied OR t_los14 > t_occupied OR t_los21 > t_occupied
        THEN {'code': 'los_counts_inconsistent', 'detail': 'need LoS 21+ ≤ 14+ ≤ 7+ ≤ occupied, got '
          || coalesce(t_los21::VARCHAR, '-') || ', ' || coalesce(t_los14::VARCHAR, '-') || ', '
          || coalesce(t_los7::VARCHAR, '-') || ', ' || t_occupied}
    END AS failure
  FROM v
)
SELECT
  line,
  failure.code AS reason_code,
  failure.detail AS detail,
  CASE WHEN failure IS NOT NULL THEN concat_ws(',',
    csv_field(Snapshot_Date), csv_field(Provider_Code), csv_field(Site_Code), csv_field(Bed_Type),
    csv_field(Core_Beds_Available), csv_field(Escalation_Beds_Available), csv_field(Beds_Occupied),
    csv_field(Void_Beds), csv_field(LoS_7_Plus), csv_field(LoS_14_Plus), csv_field(LoS_21_Plus)) END AS raw_text,
  t_date AS snapshot_date,
  Provider_Code AS trust_code,
  Site_Code AS site_code,
  Bed_Type AS bed_type,
  t_core AS core_available,
  t_escalation AS escalation_available,
  t_occupied AS occupied,
  t_void AS void_beds,
  t_los7 AS los_7plus,
  t_los14 AS los_14plus,
  t_los21 AS los_21plus
FROM c;
