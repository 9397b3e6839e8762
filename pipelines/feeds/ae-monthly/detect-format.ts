import { FeedError } from '../feed.js';
import { msitaeHeader, nhsrHeader } from './format.js';

/** Which of the two accepted layouts a file has, and how many columns its header names. */
export type AeMonthlyFormat =
  { format: 'msitae'; columnCount: number } | { format: 'nhsr'; columnCount: number };

function headerCells(line: string): string[] {
  return line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function describeDifferences(cells: string[], expected: readonly string[]): string {
  const differences: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    if (cells[i] !== expected[i]) {
      differences.push(
        cells[i] === undefined
          ? `column ${i + 1} '${expected[i]}' is missing`
          : `column ${i + 1} is '${cells[i]}', expected '${expected[i]}'`,
      );
    }
  }
  return differences.slice(0, 5).join('; ') + (differences.length > 5 ? '; …' : '');
}

/**
 * Recognises the header line of an ae-monthly file: the 22 MSitAE columns exactly (any
 * further columns are the publication's stray empty ones, e.g. headed `a`), or the 6 NHS-R
 * columns. Cells are compared after trimming spaces. Throws FeedError('unknown_header')
 * naming the columns that differ from the nearer of the two.
 */
export function detectAeMonthlyFormat(headerLine: string): AeMonthlyFormat {
  const cells = headerCells(headerLine);
  if (msitaeHeader.every((name, i) => cells[i] === name)) {
    return { format: 'msitae', columnCount: cells.length };
  }
  if (cells.length === nhsrHeader.length && nhsrHeader.every((name, i) => cells[i] === name)) {
    return { format: 'nhsr', columnCount: cells.length };
  }
  const looksNhsr = cells.length <= nhsrHeader.length + 2 && cells[0]?.toLowerCase() === 'period';
  const detail = looksNhsr
    ? `NHS-R ae_attendances header differs: ${describeDifferences(cells, nhsrHeader)}${cells.length > nhsrHeader.length ? `; ${cells.length - nhsrHeader.length} extra column(s)` : ''}`
    : `MSitAE header differs: ${describeDifferences(cells, msitaeHeader)}`;
  throw new FeedError('unknown_header', `not an NHS England MSitAE or NHS-R A&E file: ${detail}`);
}
