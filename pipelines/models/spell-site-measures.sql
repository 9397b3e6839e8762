-- Length of stay of inpatient spells (ADT) discharged on the site-days in _scope_site_day,
-- per local day (by age band and sex) and per UTC hour of discharge (totals). $1, $2: UTC
-- bounds that cover those days.
WITH discharged AS (
  SELECT s.site_code, period_day(s.discharged_at) AS day, date_trunc('hour', s.discharged_at) AS hour_start,
    esp_age_band(s.age_years) AS age_band, coalesce(s.sex, 'U') AS sex,
    epoch(s.discharged_at - s.admitted_at) / 86400 AS los
  FROM spell s
  WHERE s.status = 'discharged' AND s.discharged_at >= $1::TIMESTAMP AND s.discharged_at < $2::TIMESTAMP
    AND s.admitted_at IS NOT NULL
),
grouped AS (
  SELECT site_code, day, hour_start,
    CASE WHEN GROUPING(age_band) = 0 THEN 'age_band' WHEN GROUPING(sex) = 0 THEN 'sex' ELSE 'total' END AS dimension,
    coalesce(age_band, sex, 'all') AS category,
    sum(los) AS n, count(*) AS d, sum(los * los) AS ss
  FROM discharged
  SEMI JOIN _scope_site_day t ON t.site_code = discharged.site_code AND t.day = discharged.day
  GROUP BY GROUPING SETS ((site_code, day, hour_start), (site_code, day), (site_code, day, age_band), (site_code, day, sex))
)
SELECT 'length_of_stay_mean' AS indicator_id, site_code, day, hour_start, dimension, category,
  CAST(n AS DOUBLE) AS numerator, CAST(d AS DOUBLE) AS denominator, CAST(ss AS DOUBLE) AS sum_squares
FROM grouped
