-- Per site, over its fitting window (the $2 days before $1, from no earlier than the start of the
-- site's ADT feed, its first message sent by $1; NULL feed_from: none): the spells entering a G&A
-- ward (first G&A stay) and the A&E attendances admitted, so the share of ED admissions reaching
-- G&A (or the extra admissions from elsewhere) can be fitted.
WITH feeds AS (
  SELECT sending_facility AS site_code, min(message_at) AS feed_from
  FROM bed_event WHERE message_at <= $1::TIMESTAMP
  GROUP BY ALL
),
ed AS (
  SELECT site_code, departed_at FROM ae_attendance
  WHERE disposal = 'admitted' AND departed_at <= $1::TIMESTAMP
    AND departed_at > $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))
),
windows AS (
  SELECT site_code, f.feed_from,
    greatest(coalesce(f.feed_from, $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))),
      $1::TIMESTAMP - to_days(CAST($2 AS INTEGER))) AS window_from
  FROM (SELECT site_code FROM feeds UNION SELECT site_code FROM ed) AS s
  LEFT JOIN feeds f USING (site_code)
),
entries AS (
  SELECT w.site_code, s.spell_id, min(s.from_at) AS entered_at
  FROM ward_stay s JOIN ward w ON w.ward_code = s.ward_code AND w.bed_type IN ('adult_ga', 'paed_ga')
  JOIN spell p ON p.spell_id = s.spell_id
  JOIN feeds f ON f.site_code = w.site_code
  -- a spell already open when the site's feed began (its census, sent with the original
  -- admission time) is the starting occupancy, not an entry
  WHERE p.admitted_at >= f.feed_from
  GROUP BY ALL
)
SELECT w.site_code, w.feed_from, w.window_from,
  CAST((SELECT count(*) FROM entries e WHERE e.site_code = w.site_code
    AND e.entered_at <= $1::TIMESTAMP AND e.entered_at > w.window_from) AS INTEGER) AS ward_entries,
  CAST((SELECT count(*) FROM ed WHERE ed.site_code = w.site_code
    AND ed.departed_at > w.window_from) AS INTEGER) AS ed_admissions
FROM windows w
ORDER BY w.site_code
