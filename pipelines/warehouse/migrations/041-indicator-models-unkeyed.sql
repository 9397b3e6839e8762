-- indicator_site_day and indicator_site_hour without primary keys: they are replaced a
-- site-day at a time (delete, then insert), and maintaining a unique index made that, and a
-- full rebuild, several times slower. Same columns as 040.
DROP TABLE indicator_site_day;
CREATE TABLE indicator_site_day (
  indicator_id  VARCHAR NOT NULL,
  site_code     VARCHAR NOT NULL,
  day           DATE NOT NULL,
  dimension     VARCHAR NOT NULL,
  category      VARCHAR NOT NULL,
  numerator     DOUBLE,
  denominator   DOUBLE,
  sum_squares   DOUBLE
);

DROP TABLE indicator_site_hour;
CREATE TABLE indicator_site_hour (
  indicator_id  VARCHAR NOT NULL,
  site_code     VARCHAR NOT NULL,
  hour_start    TIMESTAMP NOT NULL,   -- UTC
  day           DATE NOT NULL,        -- the local calendar day the hour starts in
  numerator     DOUBLE,
  denominator   DOUBLE,
  sum_squares   DOUBLE
);
