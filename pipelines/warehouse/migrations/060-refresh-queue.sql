-- Keys touched by loaded files and not yet refreshed into the models. A file's transaction
-- queues its keys; a refresh consumes them in a transaction of its own, so a crash between
-- the two leaves the keys queued and the next refresh picks them up.
CREATE SEQUENCE refresh_queue_seq START 1;
CREATE TABLE refresh_queue (
  seq        BIGINT PRIMARY KEY DEFAULT nextval('refresh_queue_seq'),
  file_id    BIGINT,
  site_code  VARCHAR,      -- with day: a site-day of feed facts
  day        DATE,
  month      DATE,         -- a month of published monthly data
  queued_at  TIMESTAMP NOT NULL
);
