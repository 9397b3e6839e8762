import { FeedError } from '../feed.js';

/**
 * Checks that `text` has a header row exactly equal to `columns` (names and order), and
 * throws FeedError('empty_file') for a file with no header, FeedError('unexpected_header')
 * naming the differing columns otherwise. A header-only file is valid (no rows).
 */
export function checkCsvHeader(text: string, columns: readonly string[]): void {
  if (text.trim() === '') throw new FeedError('empty_file', 'the file is empty');
  const end = text.indexOf('\n');
  const line = (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
  const found = splitHeader(line);
  const differences: string[] = [];
  for (let i = 0; i < Math.max(found.length, columns.length); i++) {
    const expected = columns[i];
    const actual = found[i];
    if (expected === actual) continue;
    if (expected === undefined) differences.push(`unexpected extra column ${i + 1} "${actual}"`);
    else if (actual === undefined) differences.push(`column ${i + 1} "${expected}" is missing`);
    else differences.push(`column ${i + 1} is "${actual}", expected "${expected}"`);
  }
  if (differences.length > 0) {
    const shown = differences.slice(0, 5).join('; ');
    const more = differences.length > 5 ? `; and ${differences.length - 5} more` : '';
    throw new FeedError(
      'unexpected_header',
      `the header does not match the feed format: ${shown}${more}`,
    );
  }
}

/** Splits a header line on commas, honouring RFC 4180 double quotes. */
function splitHeader(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
