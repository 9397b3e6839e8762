import { renameSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

/**
 * Writes rows as RFC 4180 CSV (csv-stringify: LF line ends, header = `columns`, NULL as an
 * empty field, booleans as true/false, a field quoted when it holds a quote, comma or line
 * break, or starts or ends with a space) to a temporary name beside `path`, then renames it
 * into place.
 */
export function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
): void {
  const text = stringify(rows, {
    header: true,
    columns: [...columns],
    quoted_match: [/[\r\n]/, /^\s|\s$/],
    cast: { boolean: (value) => String(value) },
  });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
