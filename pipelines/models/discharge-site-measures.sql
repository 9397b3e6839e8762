-- Discharge and no-criteria-to-reside statistics per site × local day, for _scope_site_day.
-- NCTR stock on day d: ready date ≤ d and not discharged by the end of d (local), counted on
-- days from the site's first ready date to its latest ready or discharge date. Delays count
-- discharges with a ready date, by the day of discharge: delay = discharge date − ready date.
-- $1, $2: UTC bounds that cover those days; only the patients those days can count are read
-- (ready by the last day and not gone before the first, or discharged within them).
WITH d AS (
  SELECT site_code, ready_date, period_day(discharged_at) AS discharge_day,
    coalesce(CAST(pathway AS VARCHAR), 'Unknown') AS pathway,
    coalesce(la_code, 'Unknown') AS local_authority,
    esp_age_band(age_years) AS age_band, coalesce(sex, 'U') AS sex
  FROM discharge
  WHERE (ready_date < period_day($2::TIMESTAMP) AND (discharged_at IS NULL OR discharged_at >= $1::TIMESTAMP))
    OR (discharged_at >= $1::TIMESTAMP AND discharged_at < $2::TIMESTAMP)
),
-- Each site's span from the whole table, by aggregates (the local day of the latest discharge
-- is the latest local day of discharge).
site_span AS (
  SELECT site_code, min(ready_date) AS first_day,
    greatest(max(ready_date), period_day(max(discharged_at))) AS last_day
  FROM discharge GROUP BY site_code
),
stock AS (
  SELECT t.site_code, t.day, count(d.site_code) AS patients
  FROM _scope_site_day t
  JOIN site_span s ON s.site_code = t.site_code AND t.day BETWEEN s.first_day AND s.last_day
  LEFT JOIN d ON d.site_code = t.site_code AND d.ready_date <= t.day
    AND (d.discharge_day IS NULL OR d.discharge_day > t.day)
  GROUP BY t.site_code, t.day
),
flows AS (
  SELECT d.*, date_diff('day', d.ready_date, d.discharge_day) AS delay,
    CASE WHEN isodow(d.discharge_day) >= 6 THEN 'weekend' ELSE 'weekday' END AS day_type
  FROM d
  SEMI JOIN _scope_site_day t ON t.site_code = d.site_code AND t.day = d.discharge_day
  WHERE d.ready_date IS NOT NULL AND d.discharge_day IS NOT NULL
),
grouped AS (
  SELECT site_code, discharge_day AS day,
    CASE
      WHEN GROUPING(pathway) = 0 THEN 'pathway'
      WHEN GROUPING(local_authority) = 0 THEN 'local_authority'
      WHEN GROUPING(day_type) = 0 THEN 'day_type'
      WHEN GROUPING(age_band) = 0 THEN 'age_band'
      WHEN GROUPING(sex) = 0 THEN 'sex'
      ELSE 'total' END AS dimension,
    coalesce(pathway, local_authority, day_type, age_band, sex, 'all') AS category,
    count(*) AS discharges, sum(delay) AS delay_sum, sum(delay * delay) AS delay_squares,
    count(*) FILTER (delay = 0) AS same_day
  FROM flows
  GROUP BY GROUPING SETS ((site_code, discharge_day), (site_code, discharge_day, pathway),
    (site_code, discharge_day, local_authority), (site_code, discharge_day, day_type),
    (site_code, discharge_day, age_band), (site_code, discharge_day, sex))
)
SELECT indicator_id, site_code, day, NULL::TIMESTAMP AS hour_start, dimension, category,
  CAST(numerator AS DOUBLE) AS numerator, CAST(denominator AS DOUBLE) AS denominator,
  CAST(sum_squares AS DOUBLE) AS sum_squares
FROM (
  SELECT 'nctr_patients' AS indicator_id, site_code, day, 'total' AS dimension, 'all' AS category,
    patients AS numerator, NULL AS denominator, NULL AS sum_squares FROM stock
  UNION ALL
  SELECT 'nctr_bed_days_lost', site_code, day, 'total', 'all', patients, NULL, NULL FROM stock
  UNION ALL
  SELECT 'discharges', site_code, day, dimension, category, discharges, NULL, NULL FROM grouped
  UNION ALL
  SELECT 'discharge_delay_days', site_code, day, dimension, category, delay_sum, discharges, delay_squares FROM grouped
  UNION ALL
  SELECT 'discharges_same_day_ready', site_code, day, dimension, category, same_day, discharges, NULL FROM grouped
)
