-- What the Parquet lake holds: one row per exported partition file, with the fingerprint of
-- the rows it was written from, so an export rewrites only partitions whose rows changed.
CREATE TABLE lake_partition (
  table_name      VARCHAR NOT NULL,
  month           VARCHAR NOT NULL,     -- YYYY-MM (UTC month of the table's event time)
  provider        VARCHAR NOT NULL,     -- trust code, or '' for tables not split by provider
  partition_path  VARCHAR NOT NULL,     -- relative to lake/<table>/, as written (hive, URL-encoded)
  rows            BIGINT NOT NULL,
  fingerprint     VARCHAR NOT NULL,     -- row count and XOR of row hashes
  exported_at     TIMESTAMP NOT NULL,   -- UTC
  PRIMARY KEY (table_name, month, provider)
);
