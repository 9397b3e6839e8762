/** Options for dataTable. */
export interface DataTableOptions {
  /** Columns to show, in order; default every key of the first row. */
  columns?: readonly string[];
  /** Scroll after this many pixels of height; default 320. */
  maxHeight?: number;
}

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/**
 * A plain, static HTML table of row objects: numbers right-aligned in en-GB format, Dates as
 * ISO date (and UTC time when not midnight). Used instead of Inputs.table, whose sortable
 * headers are written as inline `onclick` attributes that the pages' Content Security Policy
 * (script-src 'self') blocks with a console error.
 */
export function dataTable(
  rows: ReadonlyArray<Record<string, unknown>>,
  options: DataTableOptions = {},
): HTMLElement {
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const wrap = document.createElement('div');
  wrap.className = 'observatory-table';
  wrap.style.cssText = `max-height:${options.maxHeight ?? 320}px;overflow:auto;margin:0.5rem 0 1rem`;
  const table = wrap.appendChild(document.createElement('table'));
  table.style.cssText =
    'border-collapse:collapse;font:13px var(--sans-serif, sans-serif);max-width:none';
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.textContent = column;
    th.style.cssText =
      'position:sticky;top:0;background:var(--theme-background, #fff);text-align:left;padding:2px 8px';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const td = tr.insertCell();
      const value = row[column];
      td.style.padding = '2px 8px';
      if (typeof value === 'number') td.style.textAlign = 'right';
      td.textContent = formatValue(value);
    }
  }
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = Math.max(1, columns.length);
    td.textContent = 'No rows.';
  }
  return wrap;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isFinite(value) ? numberFormat.format(value) : String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z')
      ? iso.slice(0, 10)
      : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
  return String(value);
}
