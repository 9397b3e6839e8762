-- What-if scenarios (pipelines/scenario): each run's inputs, random seed and the data it
-- started from, so a saved scenario can be re-run to the same numbers, and its outputs.
CREATE TABLE scenario (
  scenario_id    VARCHAR PRIMARY KEY,     -- random, url-safe
  name           VARCHAR NOT NULL,
  created_at     TIMESTAMP NOT NULL,
  created_by     VARCHAR,                 -- api_token id of the caller
  ics_codes      VARCHAR NOT NULL,        -- ICSs simulated, comma-separated
  request        JSON NOT NULL,           -- the inputs as given: levers, hours, replications, at
  random_seed    BIGINT NOT NULL,
  started_at     TIMESTAMP,               -- the simulated start (UTC), once the seed is read
  data_version   BIGINT,                  -- data_version.version the seed was read at
  seed_hash      VARCHAR,                 -- sha256 of the seed read (equal: same starting data)
  status         VARCHAR NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  error          VARCHAR,
  in_brief       BOOLEAN NOT NULL DEFAULT false,   -- shown in the daily brief
  finished_at    TIMESTAMP,
  summary        JSON,                    -- one-line effects (text list)
  fitted         JSON                     -- each fitted distribution with its data window
);

-- Each output of a scenario per organisation and hour (hour_start NULL: the whole horizon), for
-- the no-change baseline, the scenario and their difference within a replication.
CREATE TABLE scenario_value (
  scenario_id  VARCHAR NOT NULL,
  org_code     VARCHAR NOT NULL,
  org_name     VARCHAR NOT NULL,
  org_type     VARCHAR NOT NULL,          -- site, trust, ics
  hour_start   TIMESTAMP,                 -- UTC; flows in the hour, patients at its end
  measure      VARCHAR NOT NULL,
  run          VARCHAR NOT NULL,          -- baseline, scenario, difference
  mean         DOUBLE,
  p025         DOUBLE,
  p10          DOUBLE,
  p50          DOUBLE,
  p90          DOUBLE,
  p975         DOUBLE
);
