import { html } from './dom.js';

/** A data table beneath a chart: column headings and rows of text. */
export interface FigureTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface ChartFigureOptions {
  title: string;
  /** What the chart shows, in words: the text alternative a screen reader reads. */
  summary: string;
  chart: Element;
  table: FigureTable;
}

let firstChartMarked = false;

/**
 * A chart in a figure: a heading, the chart, a figcaption with its text summary, and its data
 * in a table inside details/summary. The first chart on a page sets performance.mark('first-chart').
 */
export function chartFigure(options: ChartFigureOptions): HTMLElement {
  const figure = html(
    'figure',
    { class: 'chart' },
    html('h3', { class: 'chart-title' }, options.title),
    html('div', { class: 'chart-body' }, options.chart),
    html('figcaption', {}, options.summary),
    dataTable(options.title, options.table),
  );
  markWhenConnected(figure, 600);
  return figure;
}

/** Marks 'first-chart' once the first figure is in the document (checked each frame). */
function markWhenConnected(figure: HTMLElement, framesLeft: number): void {
  if (firstChartMarked || framesLeft <= 0) return;
  if (figure.isConnected) {
    firstChartMarked = true;
    performance.mark('first-chart');
    return;
  }
  requestAnimationFrame(() => markWhenConnected(figure, framesLeft - 1));
}

/** The chart's data as a table in a details element. */
export function dataTable(title: string, table: FigureTable, open = false): HTMLElement {
  return html(
    'details',
    { class: 'data-table', open },
    html('summary', {}, `Data table: ${title} (${table.rows.length} rows)`),
    scrollTable(table),
  );
}

/** A table of text cells with column headings, scrolling sideways (and focusable) when wide. */
export function scrollTable(table: FigureTable): HTMLElement {
  const head = html(
    'tr',
    {},
    ...table.columns.map((column) => html('th', { scope: 'col' }, column)),
  );
  const body = table.rows.map((row) =>
    html('tr', {}, ...row.map((cell) => html('td', {}, String(cell)))),
  );
  return html(
    'div',
    { class: 'table-scroll', tabindex: '0' },
    html('table', {}, html('thead', {}, head), html('tbody', {}, ...body)),
  );
}

/** A message in place of a chart that has no data, saying why. */
export function emptyFigure(title: string, message: string): HTMLElement {
  return html(
    'figure',
    { class: 'chart empty' },
    html('h3', { class: 'chart-title' }, title),
    html('p', { class: 'empty-message' }, message),
  );
}
