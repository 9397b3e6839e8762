-- indicator_value_status without its LATERAL. DuckDB decorrelates a LATERAL with a window
-- over every row of indicator_value, which keeps a read's filters (one indicator, one org, a
-- few days) from reaching the table scan: every read scanned and joined the whole table. The
-- same columns and values as a plain expression, so the filters reach the scan.
CREATE OR REPLACE VIEW indicator_value_status AS
SELECT *, coverage < 1 AS is_provisional FROM (
  SELECT v.*, round(period_coverage(v.grain, v.period_start, s.spans), 6) AS coverage
  FROM indicator_value v
  LEFT JOIN indicator_registry g ON g.indicator_id = v.indicator_id
  LEFT JOIN org_feed_span s ON s.org_code = v.org_code AND s.feed = g.source_feed
);
