-- Each site's data clock (UTC): the latest arrival, departure or ADT event time delivered for
-- it. live_site is the site's state as at its data clock (site-state-as-at.sql).
SELECT site_code, max(t) AS as_at FROM (
  SELECT site_code, max(arrived_at) AS t FROM ae_attendance GROUP BY site_code
  UNION ALL SELECT site_code, max(departed_at) FROM ae_attendance GROUP BY site_code
  UNION ALL SELECT sending_facility, max(event_at) FROM bed_event GROUP BY sending_facility
) WHERE t IS NOT NULL GROUP BY site_code
