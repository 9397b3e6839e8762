-- The staged rows with their line numbers when the reader rejected some lines: the good rows
-- are, in order, the lines 2 … last that are not rejected, zipped on by position.
-- Exact when every record is one line and no blank line sits between records (DuckDB counts
-- a blank line as a line and skips it, which would shift the numbers after it by one).
CREATE TEMP TABLE {{line_numbers}} AS
SELECT n AS line
FROM range(2, getvariable('feed_last_line') + 1) t(n)
ANTI JOIN {{reject_lines}} j ON j.line = t.n
ORDER BY n;

CREATE TEMP VIEW {{lined}} AS
SELECT r.*, l.line
FROM {{raw}} r POSITIONAL JOIN {{line_numbers}} l;
