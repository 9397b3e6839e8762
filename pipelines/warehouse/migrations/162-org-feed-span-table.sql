-- org_feed_span kept as a table instead of a view: every read of indicator_value_status (each
-- API answer, alert rule and report) computed the spans again from the whole of site_coverage,
-- about 10 ms a read on a region-year. The view's query lives on as
-- org_feed_span_from_coverage; the refresh writes its rows into the table whenever
-- site_coverage changes, and so does a reload of the reference data (the orgs a site rolls
-- up to). indicator_value_status reads the table by the same name.
CREATE VIEW org_feed_span_from_coverage AS
WITH site_org AS (
  SELECT org_code AS site_code, org_code FROM org WHERE org_type = 'site'
  UNION SELECT org_code, coalesce(trust_code, parent_code) FROM org WHERE org_type = 'site'
  UNION SELECT org_code, ics_code FROM org WHERE org_type = 'site'
  UNION SELECT org_code, region_code FROM org WHERE org_type = 'site'
)
SELECT so.org_code, s.feed, list({f: s.history_from, u: s.complete_until}) AS spans
FROM site_feed_span s JOIN site_org so ON so.site_code = s.site_code
WHERE so.org_code IS NOT NULL
GROUP BY so.org_code, s.feed;

DROP VIEW org_feed_span;

CREATE TABLE org_feed_span (
  org_code VARCHAR NOT NULL,
  feed     VARCHAR NOT NULL,
  spans    STRUCT(f TIMESTAMP, u TIMESTAMP)[] NOT NULL,
  PRIMARY KEY (org_code, feed)
);
INSERT INTO org_feed_span SELECT * FROM org_feed_span_from_coverage;
