-- Models behind indicator_value (pipelines/models, pipelines/indicators).

-- The indicator registry as data (synchronised from pipelines/indicators/registry.ts on
-- every refresh), so SQL and the API can read units, polarity and how values aggregate.
-- kind: proportion (Wilson), count (exact Poisson / Byar), mean (normal interval from the
-- sum of squares), stock (mean daily level over the period), ratio (no interval),
-- rate (per 100,000 population), dsr (Dobson, ESP 2013), percentile.
CREATE TABLE indicator_registry (
  indicator_id  VARCHAR PRIMARY KEY,
  title         VARCHAR NOT NULL,
  definition    VARCHAR NOT NULL,
  unit          VARCHAR NOT NULL,
  polarity      VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  source_feed   VARCHAR NOT NULL,
  grains        VARCHAR[] NOT NULL,
  levels        VARCHAR[] NOT NULL,
  breakdowns    VARCHAR[] NOT NULL,   -- dimensions besides 'total' (from day grain up)
  targets       JSON NOT NULL          -- [{value, comparison, from, label}]
);

-- Additive sufficient statistics per site and local calendar day (every breakdown) and per
-- site and UTC hour (totals only): indicator_value is rolled up from these, so a file only
-- recomputes the site-days it touched.
CREATE TABLE indicator_site_day (
  indicator_id  VARCHAR NOT NULL,
  site_code     VARCHAR NOT NULL,
  day           DATE NOT NULL,
  dimension     VARCHAR NOT NULL,
  category      VARCHAR NOT NULL,
  numerator     DOUBLE,
  denominator   DOUBLE,
  sum_squares   DOUBLE,               -- Σ x² for means
  PRIMARY KEY (indicator_id, site_code, day, dimension, category)
);

CREATE TABLE indicator_site_hour (
  indicator_id  VARCHAR NOT NULL,
  site_code     VARCHAR NOT NULL,
  hour_start    TIMESTAMP NOT NULL,   -- UTC
  day           DATE NOT NULL,        -- the local calendar day the hour starts in
  numerator     DOUBLE,
  denominator   DOUBLE,
  sum_squares   DOUBLE,
  PRIMARY KEY (indicator_id, site_code, hour_start)
);

-- 95% intervals, the same formulas as pipelines/indicators/statistics (NHS-DATA.md).
CREATE MACRO z95() AS 1.959963984540054;

-- Wilson score interval for x successes of n.
CREATE MACRO wilson_lower(x, n) AS CASE WHEN n > 0 THEN
  (2 * x + z95() ^ 2 - z95() * sqrt(z95() ^ 2 + 4 * x * (1 - x / n))) / (2 * (n + z95() ^ 2)) END;
CREATE MACRO wilson_upper(x, n) AS CASE WHEN n > 0 THEN
  (2 * x + z95() ^ 2 + z95() * sqrt(z95() ^ 2 + 4 * x * (1 - x / n))) / (2 * (n + z95() ^ 2)) END;

-- Poisson count limits: exact (chi-squared) below 10, Byar from 10. The exact limits for
-- x = 0 … 9 are tabulated (lower χ²(0.025, 2x)/2, upper χ²(0.975, 2x+2)/2).
CREATE MACRO poisson_exact_lower(x) AS [0.0, 0.0253178079842898, 0.242209278543965,
  0.618672122895601, 1.08986537362632, 1.62348639011842, 2.20189425349085, 2.81436305151986,
  3.45383217674850, 4.11537309737833][CAST(x AS INTEGER) + 1];
CREATE MACRO poisson_exact_upper(x) AS [3.68887945411394, 5.57164339093890, 7.22468766772396,
  8.76727306974233, 10.2415886754037, 11.6683320793227, 13.0594740225187, 14.4226753617024,
  15.7631892201933, 17.0848034514192][CAST(x AS INTEGER) + 1];
CREATE MACRO poisson_lower(x) AS CASE
  WHEN x IS NULL OR x < 0 THEN NULL
  WHEN x < 10 THEN poisson_exact_lower(round(x))
  ELSE x * (1 - 1 / (9 * x) - z95() / (3 * sqrt(x))) ^ 3 END;
CREATE MACRO poisson_upper(x) AS CASE
  WHEN x IS NULL OR x < 0 THEN NULL
  WHEN x < 10 THEN poisson_exact_upper(round(x))
  ELSE (x + 1) * (1 - 1 / (9 * (x + 1)) + z95() / (3 * sqrt(x + 1))) ^ 3 END;

-- Normal interval for a mean from n, Σx and Σx².
CREATE MACRO mean_half_width(n, total, squares) AS CASE WHEN n > 1 THEN
  z95() * sqrt(greatest((squares - total * total / n) / (n - 1), 0) / n) END;

-- Calendar helpers: the Europe/London local day of a UTC timestamp, the UTC instant of a local
-- midnight, and the ESP 2013 age band of an age in years.
CREATE MACRO period_day(ts) AS CAST(timezone('Europe/London', CAST(ts AS TIMESTAMPTZ)) AS DATE);
CREATE MACRO period_day_start_utc(d) AS CAST(timezone('Europe/London', CAST(d AS TIMESTAMP)) AS TIMESTAMP);
CREATE MACRO esp_age_band(age) AS CASE
  WHEN age IS NULL OR age < 0 THEN 'Unknown'
  WHEN age >= 90 THEN '90+'
  ELSE CAST(age // 5 * 5 AS VARCHAR) || '-' || CAST(age // 5 * 5 + 4 AS VARCHAR) END;
