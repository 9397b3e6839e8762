import type { ResultTable } from '../../pipelines/read/index.js';
import { textOf } from './format-value.js';

const needsQuotes = /[",\r\n]|^\s|\s$/;

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet would run as a formula (starting = + - @, tab or carriage return) gets a
 * leading apostrophe, so an opened export shows it rather than evaluating it.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One CSV field, quoted per RFC 4180 when it holds a quote, comma, line break or edge space. */
export function csvField(text: string): string {
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows of a result as RFC 4180 CSV (header line, CRLF line ends, empty field for NULL),
 * text cells neutralised against formula injection (numbers and times are written as they are).
 */
export function toCsv(table: ResultTable): string {
  const lines = [table.names.map((name) => csvField(neutraliseFormula(name))).join(',')];
  const textual = table.kinds.map((kind) => kind === 'string' || kind === 'json');
  for (let r = 0; r < table.rowCount; r++) {
    const fields: string[] = [];
    for (let c = 0; c < table.names.length; c++) {
      const value = table.columns[c]![r];
      fields.push(
        value === null || value === undefined
          ? ''
          : csvField(
              textual[c]
                ? neutraliseFormula(textOf(table.kinds[c]!, value))
                : textOf(table.kinds[c]!, value),
            ),
      );
    }
    lines.push(fields.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
