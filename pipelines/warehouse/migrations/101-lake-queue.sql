-- Keys whose lake partitions are still to be exported, for a writer that exports after each
-- refresh (the command-line ingest). A file's transaction queues its keys here as it does in
-- refresh_queue; an export removes them once its partitions are written, so keys committed
-- before a crash are exported by the next run.
CREATE SEQUENCE lake_queue_seq START 1;
CREATE TABLE lake_queue (
  seq        BIGINT PRIMARY KEY DEFAULT nextval('lake_queue_seq'),
  file_id    BIGINT,
  site_code  VARCHAR,
  day        DATE,
  month      DATE,
  queued_at  TIMESTAMP NOT NULL
);
