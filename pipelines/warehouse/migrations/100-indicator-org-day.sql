-- Trust, ICS and region statistics per local day (every breakdown; hour_start NULL) and per
-- UTC hour (totals; hour_start set), summed one level at a time from indicator_site_day and
-- indicator_site_hour (site → trust → ICS → region). Week and month values roll up from
-- these day rows, so a file recomputes only the org-days above the site-days it changed and
-- the periods containing them, not every site of a region. Filled by the next full rebuild
-- (or the first refresh, which rebuilds when it finds this table empty).
CREATE TABLE indicator_org_day (
  indicator_id  VARCHAR NOT NULL,
  org_code      VARCHAR NOT NULL,
  org_level     VARCHAR NOT NULL,     -- trust, ics, region (the level summed into)
  day           DATE NOT NULL,        -- local day (of the hour, for hour rows)
  hour_start    TIMESTAMP,            -- UTC; NULL for the day row
  dimension     VARCHAR NOT NULL,
  category      VARCHAR NOT NULL,
  numerator     DOUBLE,
  denominator   DOUBLE,
  sum_squares   DOUBLE
);
