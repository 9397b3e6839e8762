-- Facts: one row per real-world thing, keyed by its natural id, with lineage.
-- Times are UTC TIMESTAMPs (feeds carry Europe/London local times with their offset).
-- A later record with the same natural key replaces the current row; the replaced
-- version moves to the matching *_history table with the file that superseded it.

-- ECDS-style A&E attendance (pipelines/feeds/ae/format.ts describes the input).
-- The real-time feed sends a patient still in the department with no departure; the record
-- that completes the attendance replaces it (same EC_Ident).
CREATE TABLE ae_attendance (
  attendance_id          VARCHAR PRIMARY KEY,   -- EC_Ident (unique within the ICS)
  trust_code             VARCHAR NOT NULL,
  site_code              VARCHAR NOT NULL,
  department_type        VARCHAR NOT NULL,      -- '01' … '05'
  attendance_category    VARCHAR NOT NULL,      -- '1' unplanned first … '4' planned follow-up
  arrived_at             TIMESTAMP NOT NULL,
  arrival_mode           VARCHAR NOT NULL,      -- ambulance, walk_in, other
  attendance_source      VARCHAR NOT NULL,      -- self, nhs111_online, nhs111_phone, gp, ambulance, other
  is_booked              BOOLEAN NOT NULL,      -- booked appointment (e.g. through NHS 111)
  acuity                 TINYINT,               -- 1 immediate … 5 non-urgent
  ambulance_handover_at  TIMESTAMP,
  initial_assessment_at  TIMESTAMP,
  seen_at                TIMESTAMP,
  decided_to_admit_at    TIMESTAMP,
  departed_at            TIMESTAMP,             -- NULL while the patient is still in the department
  disposal               VARCHAR,               -- admitted, discharged, transferred, left_before_treatment, died
  wait_minutes           INTEGER,               -- departure − arrival (NULL until departed)
  handover_minutes       INTEGER,               -- ambulance handover − arrival
  age_years              SMALLINT,
  sex                    VARCHAR,               -- M, F, X (indeterminate), U (not known)
  ethnic_category        VARCHAR,               -- NHS ethnic category A … Z, 99
  ethnic_group           VARCHAR NOT NULL,      -- White, Mixed, Asian, Black, Other, Unknown
  lsoa_code              VARCHAR,
  imd_decile             TINYINT,               -- from lsoa at ingest; NULL when unknown
  patient_id             VARCHAR,               -- HMAC pseudonym of the NHS number
  source_file_id         BIGINT NOT NULL,
  source_line            BIGINT,
  ingested_at            TIMESTAMP NOT NULL,
  record_version         INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE ae_attendance_history AS SELECT *, NULL::BIGINT AS superseded_by_file_id, NULL::TIMESTAMP AS superseded_at FROM ae_attendance WITH NO DATA;

-- HL7 v2 ADT messages as received and applied (idempotent by control id).
CREATE TABLE bed_event (
  message_control_id   VARCHAR PRIMARY KEY,    -- MSH-10
  event_type           VARCHAR NOT NULL,       -- A01, A02, A03, A08, A11, A12, A13
  event_at             TIMESTAMP NOT NULL,     -- EVN-6, falling back to MSH-7
  message_at           TIMESTAMP NOT NULL,     -- MSH-7
  sending_facility     VARCHAR NOT NULL,       -- MSH-4 (site ODS code)
  spell_id             VARCHAR NOT NULL,       -- PV1-19 visit number
  patient_id           VARCHAR,                -- pseudonym of PID-3
  patient_class        VARCHAR,                -- PV1-2
  ward_code            VARCHAR,                -- PV1-3.1
  room                 VARCHAR,
  bed                  VARCHAR,
  prior_ward_code      VARCHAR,                -- PV1-6.1
  admitted_at          TIMESTAMP,              -- PV1-44
  discharged_at        TIMESTAMP,              -- PV1-45
  age_years            SMALLINT,
  sex                  VARCHAR,
  source_file_id       BIGINT NOT NULL,
  ingested_at          TIMESTAMP NOT NULL
);

-- Current state of each inpatient spell, derived from bed_event in event order.
CREATE TABLE spell (
  spell_id          VARCHAR PRIMARY KEY,
  patient_id        VARCHAR,
  trust_code        VARCHAR NOT NULL,
  site_code         VARCHAR NOT NULL,
  patient_class     VARCHAR,
  status            VARCHAR NOT NULL CHECK (status IN ('admitted', 'discharged', 'cancelled')),
  admitted_at       TIMESTAMP,
  discharged_at     TIMESTAMP,
  ward_code         VARCHAR,
  bed               VARCHAR,
  age_years         SMALLINT,
  sex               VARCHAR,
  last_event_at     TIMESTAMP NOT NULL,
  updated_at        TIMESTAMP NOT NULL
);

-- Each stay of a spell on a ward (bed moves), for occupancy at any time.
CREATE TABLE ward_stay (
  spell_id     VARCHAR NOT NULL,
  ward_code    VARCHAR NOT NULL,
  bed          VARCHAR,
  from_at      TIMESTAMP NOT NULL,
  to_at        TIMESTAMP,              -- NULL while the patient is still there
  PRIMARY KEY (spell_id, from_at)
);

-- Daily 08:00 bed sitrep per site and bed type.
CREATE TABLE bed_sitrep (
  snapshot_date         DATE NOT NULL,
  trust_code            VARCHAR NOT NULL,
  site_code             VARCHAR NOT NULL,
  bed_type              VARCHAR NOT NULL,   -- adult_ga, paed_ga, adult_cc, picu, nicu
  core_available        INTEGER NOT NULL,
  escalation_available  INTEGER NOT NULL,
  occupied              INTEGER NOT NULL,
  void_beds             INTEGER NOT NULL,
  los_7plus             INTEGER,
  los_14plus            INTEGER,
  los_21plus            INTEGER,
  source_file_id        BIGINT NOT NULL,
  source_line           BIGINT,
  ingested_at           TIMESTAMP NOT NULL,
  record_version        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (snapshot_date, site_code, bed_type)
);
CREATE TABLE bed_sitrep_history AS SELECT *, NULL::BIGINT AS superseded_by_file_id, NULL::TIMESTAMP AS superseded_at FROM bed_sitrep WITH NO DATA;

-- Discharge / no criteria to reside, per spell. A patient still in hospital with a
-- ready date has discharged_at NULL; a later record for the spell completes it.
CREATE TABLE discharge (
  spell_id            VARCHAR PRIMARY KEY,
  patient_id          VARCHAR,
  trust_code          VARCHAR NOT NULL,
  site_code           VARCHAR NOT NULL,
  admitted_at         TIMESTAMP NOT NULL,
  ready_date          DATE,                  -- date no longer meeting the criteria to reside
  discharged_at       TIMESTAMP,
  pathway             TINYINT,               -- 0 … 3
  delay_reason_code   VARCHAR,               -- delay_reason.reason_code
  la_code             VARCHAR,
  age_years           SMALLINT,
  sex                 VARCHAR,
  delay_days          INTEGER,               -- discharge date − ready date (NULL until discharged)
  source_file_id      BIGINT NOT NULL,
  source_line         BIGINT,
  ingested_at         TIMESTAMP NOT NULL,
  record_version      INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE discharge_history AS SELECT *, NULL::BIGINT AS superseded_by_file_id, NULL::TIMESTAMP AS superseded_at FROM discharge WITH NO DATA;

-- NHS England's monthly provider-level A&E publication (MSitAE), as published.
-- NHS-R ae_attendances rows land here too (booked columns NULL, source_format 'nhsr').
CREATE TABLE ae_monthly (
  period_start                 DATE NOT NULL,     -- first day of the month
  org_code                     VARCHAR NOT NULL,
  parent_org                   VARCHAR,
  org_name                     VARCHAR,
  att_type1                    BIGINT,
  att_type2                    BIGINT,
  att_other                    BIGINT,
  att_booked_type1             BIGINT,
  att_booked_type2             BIGINT,
  att_booked_other             BIGINT,
  over4h_type1                 BIGINT,
  over4h_type2                 BIGINT,
  over4h_other                 BIGINT,
  over4h_booked_type1          BIGINT,
  over4h_booked_type2          BIGINT,
  over4h_booked_other          BIGINT,
  dta_4_12h                    BIGINT,
  dta_12h_plus                 BIGINT,
  emergency_admissions_type1   BIGINT,
  emergency_admissions_type2   BIGINT,
  emergency_admissions_other   BIGINT,
  other_emergency_admissions   BIGINT,
  source_format                VARCHAR NOT NULL,   -- msitae, nhsr
  source_file_id               BIGINT NOT NULL,
  source_line                  BIGINT,
  ingested_at                  TIMESTAMP NOT NULL,
  record_version               INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (period_start, org_code)
);
CREATE TABLE ae_monthly_history AS SELECT *, NULL::BIGINT AS superseded_by_file_id, NULL::TIMESTAMP AS superseded_at FROM ae_monthly WITH NO DATA;
