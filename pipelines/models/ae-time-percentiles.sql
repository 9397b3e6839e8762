-- Median and 95th percentile time in department (minutes, continuous quantiles) from
-- completed attendances, for the keys in _affected_key: totals at every grain, admitted vs
-- not from day up. Reads only the attendances of sites in _affected_site, and for each grain
-- only the local days its affected keys span. $1, $2: UTC bounds covering those keys' periods.
WITH spans AS (
  SELECT grain, min(first_day) AS first_day, max(last_day) AS last_day FROM (
    SELECT grain,
      CASE grain WHEN 'hour' THEN CAST(period_start AS DATE) - 1 ELSE CAST(period_start AS DATE) END AS first_day,
      CASE grain
        WHEN 'hour' THEN CAST(period_start AS DATE) + 1
        WHEN 'day' THEN CAST(period_start AS DATE)
        WHEN 'week' THEN CAST(period_start AS DATE) + 6
        ELSE CAST(CAST(period_start AS DATE) + INTERVAL 1 MONTH AS DATE) - 1 END AS last_day
    FROM _affected_key
  ) GROUP BY grain
),
raw AS (
  SELECT o.org_code AS site_code, coalesce(o.trust_code, o.parent_code) AS trust_code, o.ics_code, o.region_code,
    a.arrived_at, period_day(a.arrived_at) AS day,
    epoch(a.departed_at - a.arrived_at) / 60 AS wait,
    CASE WHEN a.disposal = 'admitted' THEN 'admitted' ELSE 'not_admitted' END AS admission
  FROM ae_attendance a JOIN org o ON o.org_code = a.site_code
  SEMI JOIN _affected_site s ON s.site_code = a.site_code
  WHERE a.arrived_at >= $1::TIMESTAMP AND a.arrived_at < $2::TIMESTAMP
    AND a.departed_at IS NOT NULL AND a.attendance_category <> '4'
),
levels AS (
  SELECT arrived_at, day, wait, admission, site_code AS org_code FROM raw
  UNION ALL SELECT arrived_at, day, wait, admission, trust_code FROM raw WHERE trust_code IS NOT NULL
  UNION ALL SELECT arrived_at, day, wait, admission, ics_code FROM raw WHERE ics_code IS NOT NULL
  UNION ALL SELECT arrived_at, day, wait, admission, region_code FROM raw WHERE region_code IS NOT NULL
),
periods AS (
  SELECT l.org_code, l.wait, l.admission, s.grain,
    CASE s.grain
      WHEN 'hour' THEN date_trunc('hour', l.arrived_at)
      WHEN 'day' THEN CAST(l.day AS TIMESTAMP)
      WHEN 'week' THEN CAST(date_trunc('week', l.day) AS TIMESTAMP)
      ELSE CAST(date_trunc('month', l.day) AS TIMESTAMP) END AS period_start
  FROM levels l JOIN spans s ON l.day BETWEEN s.first_day AND s.last_day
),
grouped AS (
  SELECT org_code, grain, period_start,
    CASE WHEN GROUPING(admission) = 0 THEN 'admission' ELSE 'total' END AS dimension,
    coalesce(admission, 'all') AS category,
    count(*) AS n, quantile_cont(wait, 0.5) AS median, quantile_cont(wait, 0.95) AS p95
  FROM periods p
  SEMI JOIN _affected_key k ON k.org_code = p.org_code AND k.grain = p.grain AND k.period_start = p.period_start
  GROUP BY GROUPING SETS ((org_code, grain, period_start), (org_code, grain, period_start, admission))
)
SELECT 'ae_time_in_department_median' AS indicator_id, org_code, grain, period_start, dimension, category,
  NULL::DOUBLE AS numerator, CAST(n AS DOUBLE) AS denominator, median AS value, NULL::DOUBLE AS lower, NULL::DOUBLE AS upper
FROM grouped WHERE grain <> 'hour' OR dimension = 'total'
UNION ALL
SELECT 'ae_time_in_department_p95', org_code, grain, period_start, dimension, category,
  NULL, n, p95, NULL, NULL
FROM grouped WHERE grain <> 'hour' OR dimension = 'total'
