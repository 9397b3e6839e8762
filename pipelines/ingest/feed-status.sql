-- Per feed: the ledger summary, the last file loaded and the latest event time in its facts.
WITH ledger AS (
  SELECT feed,
         count(*) FILTER (WHERE status = 'loaded') AS files_loaded,
         count(*) FILTER (WHERE status = 'failed') AS files_failed,
         coalesce(sum(rows_in), 0) AS rows_in,
         coalesce(sum(rows_loaded), 0) AS rows_loaded,
         coalesce(sum(rows_quarantined), 0) AS rows_quarantined,
         coalesce(sum(rows_duplicate), 0) AS rows_duplicate,
         arg_max(file_name, loaded_at) FILTER (WHERE status = 'loaded') AS last_file_name,
         max(loaded_at) AS last_loaded_at
    FROM ingest_file GROUP BY feed
), latest AS (
  SELECT 'ae' AS feed, max(coalesce(departed_at, arrived_at)) AS latest_event_at FROM ae_attendance
  UNION ALL SELECT 'adt', max(event_at) FROM bed_event
  UNION ALL SELECT 'sitrep', max(snapshot_date)::TIMESTAMP FROM bed_sitrep
  UNION ALL SELECT 'discharge', max(coalesce(discharged_at, admitted_at)) FROM discharge
  UNION ALL SELECT 'ae-monthly', max(period_start)::TIMESTAMP FROM ae_monthly
)
SELECT latest.feed,
       coalesce(files_loaded, 0) AS files_loaded,
       coalesce(files_failed, 0) AS files_failed,
       coalesce(rows_in, 0) AS rows_in,
       coalesce(rows_loaded, 0) AS rows_loaded,
       coalesce(rows_quarantined, 0) AS rows_quarantined,
       coalesce(rows_duplicate, 0) AS rows_duplicate,
       last_file_name,
       strftime(last_loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_loaded_at,
       strftime(latest_event_at, '%Y-%m-%dT%H:%M:%SZ') AS latest_event_at
  FROM latest LEFT JOIN ledger USING (feed)
 ORDER BY latest.feed
