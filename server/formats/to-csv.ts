import { stringify } from 'csv-stringify/sync';
import type { ResultTable } from '../../pipelines/read/index.js';
import { textOf } from './format-value.js';

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Text a spreadsheet would run as a formula (starting = + - @, tab or carriage return) gets a
 * leading apostrophe, so an opened export shows it rather than evaluating it.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/**
 * The rows of a result as RFC 4180 CSV (csv-stringify: header line, CRLF line ends, empty
 * field for NULL; a field quoted when it holds a quote, comma or line break, or starts or ends
 * with a space), text cells neutralised against formula injection (numbers and times are
 * written as they are).
 */
export function toCsv(table: ResultTable): string {
  const textual = table.kinds.map((kind) => kind === 'string' || kind === 'json');
  const records: string[][] = [table.names.map(neutraliseFormula)];
  for (let r = 0; r < table.rowCount; r++) {
    records.push(
      table.names.map((_, c) => {
        const value = table.columns[c]![r];
        if (value === null || value === undefined) return '';
        const text = textOf(table.kinds[c]!, value);
        return textual[c] ? neutraliseFormula(text) : text;
      }),
    );
  }
  return stringify(records, { record_delimiter: 'windows', quoted_match: [/[\r\n]/, /^\s|\s$/] });
}
