-- The staged rows with their line numbers when the reader rejected no line: row k of the
-- staging table (in file order) is line k + 1 (the header is line 1).
CREATE TEMP VIEW {{lined}} AS
SELECT r.*, r.rowid - getvariable('feed_first_rowid') + 2 AS line
FROM {{raw}} r;
