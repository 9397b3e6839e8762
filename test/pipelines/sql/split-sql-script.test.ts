import { describe, expect, it } from 'vitest';
import { splitSqlScript } from '../../../pipelines/sql/index.js';

describe('splitSqlScript', () => {
  it('ends a statement at a semicolon that ends a line, LF or CRLF', () => {
    expect(splitSqlScript('SELECT 1;\nSELECT 2;\r\nSELECT 3;  \n')).toEqual([
      'SELECT 1',
      'SELECT 2',
      'SELECT 3',
    ]);
  });

  it('keeps a semicolon inside a line, as in a string literal', () => {
    expect(splitSqlScript("SELECT 'a;b' AS x;\nSELECT 2")).toEqual([
      "SELECT 'a;b' AS x",
      'SELECT 2',
    ]);
  });

  it('drops leading comment lines and parts that hold only comments', () => {
    expect(
      splitSqlScript(
        '-- the first\n-- two lines\nSELECT 1\n  -- inside stays\n  FROM t;\n-- trailing note\n',
      ),
    ).toEqual(['SELECT 1\n  -- inside stays\n  FROM t']);
  });
});
