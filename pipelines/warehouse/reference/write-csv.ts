import { renameSync, writeFileSync } from 'node:fs';

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? String(value) : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as RFC 4180 CSV (LF line ends, header = `columns`, NULL as an empty field) to a
 * temporary name beside `path`, then renames it into place.
 */
export function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Record<string, unknown>[],
): void {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, lines.join('\n') + '\n');
  renameSync(temp, path);
}
