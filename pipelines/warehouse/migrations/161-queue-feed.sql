-- The feed whose file queued each key (ae, adt, sitrep, discharge, ae-monthly), so a refresh
-- widens a touched site-day only as far as that feed's facts reach
-- (pipelines/models/scope-touched-site-days.sql). NULL: not known (keys queued before this
-- column existed); the refresh widens such a key as for every feed. The lake export does not
-- read it: the two queues keep one shape.
ALTER TABLE refresh_queue ADD COLUMN feed VARCHAR;
ALTER TABLE lake_queue ADD COLUMN feed VARCHAR;
