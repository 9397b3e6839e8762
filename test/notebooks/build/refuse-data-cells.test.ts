import { toNotebook, type CellSpec } from '@observablehq/notebook-kit';
import { describe, expect, it } from 'vitest';
import { DataCellError, refuseDataCells } from '../../../notebooks/build/refuse-data-cells.js';

const check = (cells: CellSpec[]) => refuseDataCells(toNotebook({ cells }), '/x/example.html');

describe('refuseDataCells(notebook, path)', () => {
  it('passes Markdown, HTML and JS cells through unchanged', () => {
    const cells: CellSpec[] = [
      { id: 1, mode: 'md', value: '# Example' },
      { id: 2, mode: 'js', value: 'const rows = await apiValues("ae_4h_performance");' },
    ];
    expect(check(cells).cells.map((cell) => cell.value)).toEqual(cells.map((cell) => cell.value));
  });

  it('refuses a SQL cell, naming the notebook, the cell and the API reader to use instead', () => {
    const sql: CellSpec = {
      id: 2,
      mode: 'sql',
      database: 'observatory',
      value: 'SELECT * FROM discharge',
    };
    expect(() => check([sql])).toThrow(DataCellError);
    expect(() => check([sql])).toThrow(/example\.html, cell 2: SQL cells .*apiValues/);
  });

  it.each(['node', 'python', 'r'] as const)('refuses a %s data-loader cell', (mode) => {
    expect(() => check([{ id: 3, mode, value: 'print(1)' }])).toThrow(/cell 3: .*data-loader/);
  });
});
