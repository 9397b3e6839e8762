-- indicator_value keys of published monthly data for the months in $1 (JSON ['YYYY-MM-01']),
-- or every month when $1 is NULL.
SELECT DISTINCT org_code, 'month' AS grain, CAST(period_start AS TIMESTAMP) AS period_start
FROM ae_monthly_measures
WHERE $1::VARCHAR IS NULL OR list_contains(CAST(from_json($1, '["VARCHAR"]') AS DATE[]), period_start)
