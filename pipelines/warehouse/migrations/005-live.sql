-- Live state, recomputed as feeds land (pipelines/indicators/live). "Now" is the data clock:
-- the latest event time the feeds have delivered for the site (as_at), so simulated and
-- replayed data behave as live data does.

CREATE TABLE live_site (
  site_code                 VARCHAR PRIMARY KEY,
  trust_code                VARCHAR NOT NULL,
  ics_code                  VARCHAR NOT NULL,
  as_at                     TIMESTAMP NOT NULL,   -- UTC data clock for this site
  in_department             INTEGER NOT NULL,     -- patients in ED now
  longest_wait_minutes      INTEGER,              -- longest current wait of those in ED
  over_12h_in_department    INTEGER NOT NULL,     -- of those in ED now, arrived > 12 h ago
  arrivals_last_hour        INTEGER NOT NULL,
  ambulance_arrivals_last_hour INTEGER NOT NULL,
  handovers_over_30_today   INTEGER NOT NULL,
  four_hour_performance_today DOUBLE,             -- share of today's departures within 4 h
  twelve_hour_waits_today   INTEGER NOT NULL,     -- departures today after > 12 h from arrival
  ga_beds_core              INTEGER,              -- from ward reference (adult + paed G&A)
  ga_beds_escalation_open   INTEGER,              -- from the latest sitrep
  ga_beds_occupied          INTEGER,              -- from ADT spells now
  ga_beds_free              INTEGER,
  nctr_patients             INTEGER,              -- patients with no criteria to reside now
  updated_at                TIMESTAMP NOT NULL
);

CREATE TABLE live_ward (
  ward_code      VARCHAR PRIMARY KEY,
  site_code      VARCHAR NOT NULL,
  bed_type       VARCHAR NOT NULL,
  core_beds      INTEGER NOT NULL,
  occupied       INTEGER NOT NULL,
  free           INTEGER NOT NULL,
  as_at          TIMESTAMP NOT NULL
);
