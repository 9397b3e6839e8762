import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNotebook, type CellSpec } from '@observablehq/notebook-kit';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';
import { runSqlCells, SqlCellError } from '../../../notebooks/build/sql-cells.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-cells-'));
let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(
    "INSERT INTO indicator_value VALUES ('ae_4h_performance', 'ENG', 'month', TIMESTAMP '2025-06-01', 'total', 'all', 1750000, 2300000, 0.755, NULL, NULL)",
  );
});
afterAll(() => {
  warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

const notebookPath = () => join(dir, 'example.html');
const run = (cells: CellSpec[]) =>
  runSqlCells(toNotebook({ cells }), notebookPath(), join(dir, 'results'), warehouse.connection);

describe('runSqlCells(notebook, path, resultsDir, connection)', () => {
  it('runs each SQL cell through DuckDB into an Arrow file and loads it as rows with Dates', async () => {
    const { notebook, queries } = await run([
      { id: 1, mode: 'md', value: '# Example' },
      {
        id: 2,
        mode: 'sql',
        database: 'observatory',
        output: 'rows',
        value: "SELECT period_start, numerator, value FROM indicator_value WHERE org_code = 'ENG'",
      },
    ]);
    expect(queries).toBe(1);
    expect(notebook.cells[0]!.mode).toBe('md');
    const cell = notebook.cells[1]!;
    expect(cell.mode).toBe('js');
    expect(cell.value).toContain(
      'const rows = Array.from(await FileAttachment("./results/example/cell-2.arrow").arrow()',
    );
    expect(cell.value).toContain('["period_start"]');
    expect(cell.value).toContain('dataTable(rows)');
    const table = tableFromIPC(readFileSync(join(dir, 'results', 'example', 'cell-2.arrow')));
    expect(table.toArray().map((row) => row.toJSON())).toEqual([
      { period_start: Date.UTC(2025, 5, 1), numerator: 1750000, value: 0.755 },
    ]);
  });

  it('shows nothing for a hidden cell and keeps its output name', async () => {
    const { notebook } = await run([
      {
        id: 3,
        mode: 'sql',
        database: 'observatory',
        output: 'n',
        hidden: true,
        value: 'SELECT 1 AS one',
      },
    ]);
    expect(notebook.cells[0]!.value).not.toContain('dataTable');
    expect(notebook.cells[0]!.value).toMatch(/^const n = /);
  });

  it.each([
    [{ database: 'duckdb', value: 'SELECT 1' }, /database="duckdb" is not available/],
    [{ database: 'observatory', value: 'SELECT ${x}' }, /cannot interpolate/],
    [{ database: 'observatory', value: 'SELECT * FROM no_such_table' }, /cell 4: .*no_such_table/],
  ])('refuses %o with a SqlCellError naming the notebook and cell', async (cell, message) => {
    const failing = run([{ id: 4, mode: 'sql', ...cell }]);
    await expect(failing).rejects.toThrow(SqlCellError);
    await expect(failing).rejects.toThrow(message);
  });

  it('refuses Node data-loader cells, which need Node 22', async () => {
    await expect(
      run([{ id: 5, mode: 'node', value: 'process.stdout.write("1")' }]),
    ).rejects.toThrow(/node data-loader cells are not supported/);
  });
});
