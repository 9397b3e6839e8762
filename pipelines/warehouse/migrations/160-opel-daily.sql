-- OPEL-style escalation as at 08:00 local time (Europe/London) of each day of the loaded
-- history, for every trust and ICS with data: the live assessment's figures and scoring
-- (pipelines/indicators/opel), as at that moment, from the facts as now known. Unlike
-- opel_level (what was assessed as data arrived), a day is assessed again when a load touches
-- the facts its figures read, and a full rebuild assesses every day again.
CREATE TABLE opel_daily (
  org_code      VARCHAR NOT NULL,     -- trust or ICS
  day           DATE NOT NULL,        -- local day
  assessed_at   TIMESTAMP NOT NULL,   -- 08:00 local on that day, in UTC
  level         TINYINT NOT NULL CHECK (level BETWEEN 1 AND 4),
  score         DOUBLE NOT NULL,
  drivers       JSON NOT NULL,        -- [{parameter, value, band, points, weight}], as opel_level
  PRIMARY KEY (org_code, day)
);
