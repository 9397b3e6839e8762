import type { ResultTable } from '../query/result-table.js';
import { textOf } from './format-value.js';

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** One CSV field, quoted per RFC 4180 when it holds a quote, comma, line break or edge space. */
export function csvField(text: string): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows of a result as RFC 4180 CSV (header line, CRLF line ends, empty field for NULL). */
export function toCsv(table: ResultTable): string {
  const lines = [table.names.map(csvField).join(',')];
  for (let r = 0; r < table.rowCount; r++) {
    const fields: string[] = [];
    for (let c = 0; c < table.names.length; c++) {
      const value = table.columns[c]![r];
      fields.push(
        value === null || value === undefined ? '' : csvField(textOf(table.kinds[c]!, value)),
      );
    }
    lines.push(fields.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
