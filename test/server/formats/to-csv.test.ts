import { describe, expect, it } from 'vitest';
import type { ResultTable } from '../../../pipelines/read/index.js';
import { toCsv } from '../../../server/formats/to-csv.js';

describe('toCsv(table)', () => {
  it('neutralises text a spreadsheet would run as a formula, and leaves numbers as they are', () => {
    const table: ResultTable = {
      names: ['raw_text', 'delta'],
      kinds: ['string', 'float'],
      columns: [
        ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', 'plain', 'a-b'],
        [-5, 1, 2, 3, 4, 5, -0.5],
      ],
      rowCount: 7,
    };
    const lines = toCsv(table).trimEnd().split('\r\n');
    expect(lines.slice(1)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",-5`,
      "'+1,1",
      "'-2,2",
      "'@SUM(A1),3",
      "'\tx,4",
      'plain,5',
      'a-b,-0.5',
    ]);
  });
});

describe('toCsv(table): RFC 4180', () => {
  it('quotes a field with a quote, comma, line break or edge space, writes NULL empty, ends lines CRLF', () => {
    const table: ResultTable = {
      names: ['name', 'n'],
      kinds: ['string', 'int'],
      columns: [
        ['Manchester Trust, "Central"', 'two\nlines', ' padded', 'tail ', 'plain', null],
        [1, 2, 3, 4, null, 6],
      ],
      rowCount: 6,
    };
    expect(toCsv(table)).toBe(
      [
        'name,n',
        '"Manchester Trust, ""Central""",1',
        '"two\nlines",2',
        '" padded",3',
        '"tail ",4',
        'plain,',
        ',6',
        '',
      ].join('\r\n'),
    );
  });
});
