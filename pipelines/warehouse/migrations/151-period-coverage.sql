-- Completeness of every indicator value. A value's period is provisional when the loaded data
-- does not cover all of it: the period is still running, it starts before the loaded history,
-- or (A&E) some of the attendances that arrived in it have not departed yet. `coverage` is the
-- share of the period's expected site-hours that the loaded data covers (1 = complete).

-- What the loaded facts of each site, feed and local day cover (UTC timestamps), kept by the
-- model refresh for the site-days a file touched (pipelines/models/site-coverage.sql).
--   covered_from: the earliest moment covered (A&E: the first arrival; daily feeds: the day's start)
--   covered_to:   the latest moment covered (A&E, ADT: the latest event; daily feeds: the day's end)
--   first_open:   A&E only, the earliest arrival of the day still in the department
CREATE TABLE site_coverage (
  site_code    VARCHAR NOT NULL,
  feed         VARCHAR NOT NULL,      -- ae, adt, sitrep, discharge
  day          DATE NOT NULL,         -- local (Europe/London) day of the facts
  covered_from TIMESTAMP NOT NULL,
  covered_to   TIMESTAMP NOT NULL,
  first_open   TIMESTAMP,
  records      BIGINT NOT NULL,
  PRIMARY KEY (site_code, feed, day)
);

-- Each site and feed: from when and until when the loaded data is complete. Until the start
-- of the hour of the latest event (an hour still being delivered is not complete), and for
-- A&E not past the hour of the earliest arrival still in the department. An attendance open
-- for more than 7 days before the latest event is a data problem, not a running period, and
-- holds nothing open.
CREATE VIEW site_feed_span AS
WITH s AS (
  SELECT site_code, feed, min(covered_from) AS history_from, max(covered_to) AS latest
  FROM site_coverage GROUP BY site_code, feed
)
SELECT s.site_code, s.feed, s.history_from,
  least(date_trunc('hour', s.latest),
        coalesce(date_trunc('hour', (SELECT min(c.first_open) FROM site_coverage c
          WHERE c.site_code = s.site_code AND c.feed = s.feed
            AND c.first_open >= s.latest - INTERVAL 7 DAY)), date_trunc('hour', s.latest))) AS complete_until
FROM s;

-- Every org a site rolls up to (itself, its trust, ICS and region) with the site's spans, per feed.
CREATE VIEW org_feed_span AS
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

-- A period's bounds in UTC: hour periods are UTC already; day, week and month periods are
-- local calendar periods stored at local midnight.
CREATE MACRO period_local_end(grain, ps) AS CASE grain
  WHEN 'hour' THEN ps + INTERVAL 1 HOUR WHEN 'day' THEN ps + INTERVAL 1 DAY
  WHEN 'week' THEN ps + INTERVAL 7 DAY ELSE ps + INTERVAL 1 MONTH END;
CREATE MACRO period_start_utc(grain, ps) AS
  CASE WHEN grain = 'hour' THEN ps ELSE period_day_start_utc(CAST(ps AS DATE)) END;
CREATE MACRO period_end_utc(grain, ps) AS
  CASE WHEN grain = 'hour' THEN ps + INTERVAL 1 HOUR
  ELSE period_day_start_utc(CAST(period_local_end(grain, ps) AS DATE)) END;

-- The share of a period's site-hours inside the sites' complete spans (NULL spans: the value
-- comes from a published file, which is complete as published).
CREATE MACRO period_coverage(grain, ps, spans) AS CASE WHEN spans IS NULL OR len(spans) = 0 THEN 1.0 ELSE
  list_sum(list_transform(spans, x -> greatest(0.0,
    epoch(least(period_end_utc(grain, ps), x.u)) - epoch(greatest(period_start_utc(grain, ps), x.f)))))
  / (len(spans) * (epoch(period_end_utc(grain, ps)) - epoch(period_start_utc(grain, ps)))) END;

-- indicator_value with its completeness: what every reader (API, alerts, SPC, reports,
-- notebooks) reads. A value is provisional when coverage < 1.
CREATE VIEW indicator_value_status AS
SELECT v.*, c.coverage, c.coverage < 1 AS is_provisional
FROM indicator_value v
LEFT JOIN indicator_registry g ON g.indicator_id = v.indicator_id
LEFT JOIN org_feed_span s ON s.org_code = v.org_code AND s.feed = g.source_feed
CROSS JOIN LATERAL (SELECT round(period_coverage(v.grain, v.period_start, s.spans), 6) AS coverage) c;
