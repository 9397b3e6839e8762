import { basename } from 'node:path';
import type { Cell, Notebook } from '@observablehq/notebook-kit';

/** A notebook cell the build will not take. */
export class DataCellError extends Error {
  constructor(notebook: string, cell: Cell, message: string) {
    super(`${basename(notebook)}, cell ${cell.id}: ${message}`);
    this.name = 'DataCellError';
  }
}

/**
 * Served notebooks get their data from the observatory API when a page is viewed, under the
 * reader's own sign-in (`apiValues` in notebooks/lib/api-values.ts), so a reader's browser
 * receives exactly what the API gives them: their scope, disclosure control for the public
 * role, and no patient-level rows. Cells that would run at build time against the warehouse
 * (SQL, and Notebook Kit's Node, Python and R data loaders) would ship warehouse extracts to
 * every reader, so the build refuses them with the way to do it instead.
 */
export function refuseDataCells(notebook: Notebook, notebookPath: string): Notebook {
  for (const cell of notebook.cells) {
    if (cell.mode === 'sql')
      throw new DataCellError(
        notebookPath,
        cell,
        'SQL cells would run at build time and ship their rows to every reader; read the API when the page is viewed: `import { apiValues } from "./lib/api-values.ts"` (see notebooks/README.md)',
      );
    if (cell.mode === 'node' || cell.mode === 'python' || cell.mode === 'r')
      throw new DataCellError(
        notebookPath,
        cell,
        `${cell.mode} data-loader cells run at build time and ship their output to every reader; read the API when the page is viewed (apiValues)`,
      );
  }
  return notebook;
}
