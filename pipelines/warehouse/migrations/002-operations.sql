-- Operational tables: the file ledger, quarantine, run log, alerts, audit, tokens.

CREATE SEQUENCE ingest_file_id_seq START 1;

-- The ledger: one row per distinct content (sha256) per feed. The same bytes are never
-- loaded twice; a changed re-delivery of the same file name is a new row (a new version).
-- rows_in = rows_loaded + rows_quarantined + rows_duplicate for every loaded file.
CREATE TABLE ingest_file (
  file_id           BIGINT PRIMARY KEY DEFAULT nextval('ingest_file_id_seq'),
  feed              VARCHAR NOT NULL,
  file_name         VARCHAR NOT NULL,     -- name as delivered (relative to the feed's inbox, or the push name)
  sha256            VARCHAR NOT NULL,
  bytes             BIGINT NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1,   -- 1 + earlier distinct contents with the same name
  encoding          VARCHAR,              -- utf-8, utf-8-bom, windows-1252
  status            VARCHAR NOT NULL CHECK (status IN ('loaded', 'failed')),
  error_code        VARCHAR,              -- for status 'failed': empty_file, truncated, undecodable, unreadable_header …
  error_detail      VARCHAR,
  rows_in           BIGINT NOT NULL DEFAULT 0,
  rows_loaded       BIGINT NOT NULL DEFAULT 0,
  rows_quarantined  BIGINT NOT NULL DEFAULT 0,
  rows_duplicate    BIGINT NOT NULL DEFAULT 0,
  received_at       TIMESTAMP NOT NULL,   -- UTC
  loaded_at         TIMESTAMP,            -- UTC
  seconds           DOUBLE,
  UNIQUE (feed, sha256)
);

-- Rows that could not be loaded, with why. line_number is 1-based in the file (header = 1);
-- for HL7, the message's position in the file. raw_text never holds an NHS number in clear:
-- feeds mask it before writing here.
CREATE TABLE quarantine (
  file_id      BIGINT NOT NULL,
  feed         VARCHAR NOT NULL,
  line_number  BIGINT,
  reason_code  VARCHAR NOT NULL,
  detail       VARCHAR,
  raw_text     VARCHAR
);

CREATE SEQUENCE pipeline_run_id_seq START 1;
CREATE TABLE pipeline_run (
  run_id       BIGINT PRIMARY KEY DEFAULT nextval('pipeline_run_id_seq'),
  job          VARCHAR NOT NULL,   -- e.g. 'ingest:ae', 'refresh:indicators', 'lake:export'
  started_at   TIMESTAMP NOT NULL,
  finished_at  TIMESTAMP,
  status       VARCHAR NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
  attempt      INTEGER NOT NULL DEFAULT 1,
  files        INTEGER NOT NULL DEFAULT 0,
  rows_in      BIGINT NOT NULL DEFAULT 0,
  detail       VARCHAR
);

CREATE SEQUENCE alert_id_seq START 1;
CREATE TABLE alert (
  alert_id       BIGINT PRIMARY KEY DEFAULT nextval('alert_id_seq'),
  rule           VARCHAR NOT NULL,    -- spc_concern, target_breach, opel_up, feed_late, forecast_over_capacity
  episode_key    VARCHAR NOT NULL,    -- rule × subject; one open alert per key (deduplication)
  org_code       VARCHAR,
  indicator_id   VARCHAR,
  severity       VARCHAR NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  title          VARCHAR NOT NULL,
  evidence       JSON,
  status         VARCHAR NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  raised_at      TIMESTAMP NOT NULL,
  acknowledged_at TIMESTAMP,
  acknowledged_by VARCHAR,
  resolved_at    TIMESTAMP
);

CREATE SEQUENCE audit_id_seq START 1;
CREATE TABLE audit_log (
  audit_id     BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
  requested_at TIMESTAMP NOT NULL,
  request_id   VARCHAR,
  token_id     VARCHAR,
  role         VARCHAR,
  method       VARCHAR NOT NULL,
  route        VARCHAR NOT NULL,
  params       JSON,
  rows         BIGINT,
  status       INTEGER NOT NULL,
  ms           DOUBLE
);

-- Bearer tokens: only the sha256 of the secret is stored.
CREATE TABLE api_token (
  token_id     VARCHAR PRIMARY KEY,   -- short public id, shown by `token list`
  token_hash   VARCHAR NOT NULL UNIQUE,
  role         VARCHAR NOT NULL CHECK (role IN ('admin', 'operations', 'analyst', 'regional', 'public')),
  ics_scope    VARCHAR[],             -- NULL = every ICS
  label        VARCHAR,
  created_at   TIMESTAMP NOT NULL,
  revoked_at   TIMESTAMP
);

-- Report deliveries (email) and the archive.
CREATE TABLE report_delivery (
  delivery_id  VARCHAR PRIMARY KEY,   -- report × period × recipient; nothing is sent twice
  report       VARCHAR NOT NULL,
  period       VARCHAR NOT NULL,
  recipient    VARCHAR NOT NULL,
  status       VARCHAR NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   VARCHAR,
  archive_path VARCHAR,
  updated_at   TIMESTAMP NOT NULL
);

-- A single-row counter bumped whenever data lands: the API's ETag and cache key.
CREATE TABLE data_version (
  id        TINYINT PRIMARY KEY DEFAULT 1,
  version   BIGINT NOT NULL,
  changed_at TIMESTAMP NOT NULL
);
INSERT INTO data_version VALUES (1, 0, TIMESTAMP '1970-01-01 00:00:00');
