-- Reference data: the organisation hierarchy, wards, small areas and their populations.
-- Loaded from data/reference/*.csv by the seed step (pipelines/warehouse/seed-reference.ts).

-- region → ics (ICB) → trust (provider) → site; plus one 'england' row (ENG).
-- Real organisations come from ODS / ONS tables; the synthetic ICSs are marked is_synthetic.
CREATE TABLE org (
  org_code      VARCHAR PRIMARY KEY,   -- ODS-style: Y56 region, QOP ICB, R0A trust, R0A01 site, ENG
  org_name      VARCHAR NOT NULL,
  org_type      VARCHAR NOT NULL CHECK (org_type IN ('england', 'region', 'ics', 'trust', 'site')),
  parent_code   VARCHAR,               -- the next level up (site → trust → ics → region → ENG)
  trust_code    VARCHAR,               -- for sites and trusts
  ics_code      VARCHAR,               -- for sites, trusts and ICSs
  region_code   VARCHAR,               -- for everything below ENG
  ons_code      VARCHAR,               -- E54… for ICBs, E40… for regions where known
  department_type VARCHAR,             -- for sites: the highest A&E type on site ('01', '03', …)
  is_synthetic  BOOLEAN NOT NULL DEFAULT false
);

-- Wards of the synthetic sites, with their bed base.
CREATE TABLE ward (
  ward_code        VARCHAR PRIMARY KEY,
  site_code        VARCHAR NOT NULL,
  ward_name        VARCHAR NOT NULL,
  bed_type         VARCHAR NOT NULL CHECK (bed_type IN ('adult_ga', 'paed_ga', 'adult_cc', 'maternity', 'mental_health')),
  core_beds        INTEGER NOT NULL,
  escalation_beds  INTEGER NOT NULL DEFAULT 0
);

-- Local authorities of the synthetic ICSs (discharge delays are read by LA).
CREATE TABLE local_authority (
  la_code   VARCHAR PRIMARY KEY,   -- E06…/E08…/E10… style
  la_name   VARCHAR NOT NULL,
  ics_code  VARCHAR
);

-- Every English LSOA (2011 boundaries, IMD 2019), and for the synthetic ICSs their LA and ICS.
CREATE TABLE lsoa (
  lsoa_code     VARCHAR PRIMARY KEY,   -- E01…
  lsoa_vintage  SMALLINT NOT NULL DEFAULT 2011,
  imd_decile    TINYINT NOT NULL CHECK (imd_decile BETWEEN 1 AND 10),   -- 1 = most deprived
  imd_rank      INTEGER NOT NULL,
  la_code       VARCHAR,
  ics_code      VARCHAR
);

-- Resident population of the synthetic ICSs' LSOAs: the denominators for rates.
-- age_band is the ESP 2013 band label ('0-4' … '90+'); sex 'M' / 'F';
-- ethnic_group White / Mixed / Asian / Black / Other.
CREATE TABLE population (
  lsoa_code     VARCHAR NOT NULL,
  age_band      VARCHAR NOT NULL,
  sex           VARCHAR NOT NULL,
  ethnic_group  VARCHAR NOT NULL,
  persons       INTEGER NOT NULL,
  PRIMARY KEY (lsoa_code, age_band, sex, ethnic_group)
);

-- European Standard Population 2013, 19 bands (NHS-DATA.md, Statistics).
CREATE TABLE esp2013 (
  age_band     VARCHAR PRIMARY KEY,
  band_order   TINYINT NOT NULL,
  age_from     TINYINT NOT NULL,
  weight       INTEGER NOT NULL
);

-- The 38 published discharge delay reasons, normalised (non-breaking spaces → spaces).
CREATE TABLE delay_reason (
  reason_code   VARCHAR PRIMARY KEY,   -- short stable code, e.g. 'HP01'
  reason_text   VARCHAR NOT NULL UNIQUE,
  family        VARCHAR NOT NULL,      -- Hospital process / Care transfer hub process / Capacity / Interface process / Wellbeing concerns
  pathway       TINYINT                -- for capacity reasons, the pathway they belong to
);
