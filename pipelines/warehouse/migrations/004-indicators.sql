-- Indicators in one long table (the shape public-health profiles use), and what is
-- derived from them: inequality summaries, escalation levels, forecasts.

-- grain: hour, day, week (ISO, Monday), month. period_start is UTC for hour grain and the
-- local (Europe/London) calendar start for day/week/month, stored as a TIMESTAMP at 00:00.
-- dimension 'total' has category 'all'; breakdowns: imd_decile ('1'…'10', 'Unknown'),
-- imd_quintile ('1'…'5', 'Unknown'), core20 ('Core20', 'Rest', 'Unknown'), ethnic_group,
-- age_band, sex. lower/upper are the 95% interval (NULL where none applies).
CREATE TABLE indicator_value (
  indicator_id   VARCHAR NOT NULL,
  org_code       VARCHAR NOT NULL,
  grain          VARCHAR NOT NULL CHECK (grain IN ('hour', 'day', 'week', 'month')),
  period_start   TIMESTAMP NOT NULL,
  dimension      VARCHAR NOT NULL,
  category       VARCHAR NOT NULL,
  numerator      DOUBLE,
  denominator    DOUBLE,
  value          DOUBLE,
  lower          DOUBLE,
  upper          DOUBLE,
  PRIMARY KEY (indicator_id, org_code, grain, period_start, dimension, category)
);

-- Gap, slope index and relative index of inequality across IMD deciles/quintiles.
CREATE TABLE inequality_summary (
  indicator_id   VARCHAR NOT NULL,
  org_code       VARCHAR NOT NULL,
  grain          VARCHAR NOT NULL,
  period_start   TIMESTAMP NOT NULL,
  dimension      VARCHAR NOT NULL,      -- imd_decile or imd_quintile
  most_deprived  DOUBLE,
  least_deprived DOUBLE,
  gap            DOUBLE,               -- most − least deprived
  gap_lower      DOUBLE,
  gap_upper      DOUBLE,
  sii            DOUBLE,
  sii_lower      DOUBLE,
  sii_upper      DOUBLE,
  rii            DOUBLE,
  rii_lower      DOUBLE,
  rii_upper      DOUBLE,
  unknown_share  DOUBLE,               -- share of the denominator with unknown deprivation
  PRIMARY KEY (indicator_id, org_code, grain, period_start, dimension)
);

-- OPEL-style escalation, with the parameters that set each level. History is kept.
CREATE TABLE opel_level (
  org_code      VARCHAR NOT NULL,     -- trust or ICS
  assessed_at   TIMESTAMP NOT NULL,
  level         TINYINT NOT NULL CHECK (level BETWEEN 1 AND 4),
  score         DOUBLE NOT NULL,
  drivers       JSON NOT NULL,        -- [{parameter, value, band, points, weight}]
  PRIMARY KEY (org_code, assessed_at)
);

-- Hourly forecasts per site for the next 72 hours.
CREATE TABLE forecast (
  site_code     VARCHAR NOT NULL,
  measure       VARCHAR NOT NULL,     -- arrivals, admissions
  generated_at  TIMESTAMP NOT NULL,
  hour_start    TIMESTAMP NOT NULL,   -- UTC
  mean          DOUBLE NOT NULL,
  lower80       DOUBLE NOT NULL,
  upper80       DOUBLE NOT NULL,
  lower95       DOUBLE NOT NULL,
  upper95       DOUBLE NOT NULL,
  PRIMARY KEY (site_code, measure, generated_at, hour_start)
);
