import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Cell, Notebook } from '@observablehq/notebook-kit';
import { tableToIPC } from 'apache-arrow';
import { queryToArrow } from './query-to-arrow.js';

/** The database name SQL cells use for the observatory's data. */
export const observatoryDatabase = 'observatory';

/** A SQL cell that cannot be run at build time. */
export class SqlCellError extends Error {
  constructor(notebook: string, cell: Cell, message: string, options?: { cause?: unknown }) {
    super(`${basename(notebook)}, cell ${cell.id}: ${message}`, options);
    this.name = 'SqlCellError';
  }
}

/**
 * Notebook Kit's own SQL cells run through its DuckDB connector (built for
 * `@duckdb/node-api` 1.3, opening the file read-write, cached with no regard to data changes).
 * Instead, each SQL cell is run here, at build time, through the observatory's DuckDB on the
 * connection given (a read-only snapshot or the lake), its result written as an Arrow IPC file
 * beside the build, and the cell replaced by a JS cell that loads that file as row objects
 * (time columns as Dates, like Notebook Kit's own SQL cells give). Nothing is cached: every
 * build runs every query. Returns the transformed notebook and how many queries ran.
 */
export async function runSqlCells(
  notebook: Notebook,
  notebookPath: string,
  resultsDir: string,
  connection: DuckDBConnection,
): Promise<{ notebook: Notebook; queries: number }> {
  let queries = 0;
  const name = basename(notebookPath, '.html');
  const cells: Cell[] = [];
  for (const cell of notebook.cells) {
    if (cell.mode === 'node' || cell.mode === 'python' || cell.mode === 'r') {
      throw new SqlCellError(
        notebookPath,
        cell,
        `${cell.mode} data-loader cells are not supported (Notebook Kit runs them with Node 22 or other interpreters); use a SQL cell`,
      );
    }
    if (cell.mode !== 'sql') {
      cells.push(cell);
      continue;
    }
    if (cell.database !== observatoryDatabase) {
      throw new SqlCellError(
        notebookPath,
        cell,
        `database="${cell.database ?? ''}" is not available; SQL cells read database="${observatoryDatabase}"`,
      );
    }
    if (/\$\{/.test(cell.value)) {
      throw new SqlCellError(
        notebookPath,
        cell,
        'SQL cells run once at build time and cannot interpolate ${…}; filter the rows in a JS cell instead',
      );
    }
    let result;
    try {
      result = await queryToArrow(connection, cell.value);
    } catch (error) {
      throw new SqlCellError(notebookPath, cell, (error as Error).message, { cause: error });
    }
    queries++;
    const file = join(resultsDir, name, `cell-${cell.id}.arrow`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, tableToIPC(result.table, 'file'));
    const path = relative(dirname(notebookPath), file).split('\\').join('/');
    const table = relative(dirname(notebookPath), dataTableModule).split('\\').join('/');
    cells.push({
      ...cell,
      mode: 'js',
      database: undefined,
      output: undefined,
      value: loadCell(path, table, result.timeColumns, cell),
    });
  }
  return { notebook: { ...notebook, cells }, queries };
}

const dataTableModule = join(import.meta.dirname, '..', 'lib', 'data-table.ts');

function loadCell(path: string, table: string, timeColumns: string[], cell: Cell): string {
  const load = `Array.from(await FileAttachment(${JSON.stringify(`./${path}`)}).arrow(), (row) => {
  const value = row.toJSON();
  for (const column of ${JSON.stringify(timeColumns)}) if (value[column] != null) value[column] = new Date(value[column]);
  return value;
})`;
  // A dynamic import, so that several SQL cells do not each declare the same name.
  const show = (rows: string) =>
    `(await import(${JSON.stringify(`./${table}`)})).dataTable(${rows})`;
  if (!cell.output) return cell.hidden ? `${load};` : show(load);
  const display = cell.hidden ? '' : `\ndisplay(${show(cell.output)});`;
  return `const ${cell.output} = ${load};${display}`;
}
