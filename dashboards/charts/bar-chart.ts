import * as Plot from '@observablehq/plot';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions, type ValueUnit } from './chart-options.js';
import { formatValue, tickFormat } from './format-value.js';
import { nhsColours } from './nhs-colours.js';

/** One bar: a category and its value (an indicator_value row of a breakdown). */
export interface BarRow {
  category: string;
  value: number | null;
}

export interface BarChartOptions extends ChartOptions {
  unit: ValueUnit | string;
  /** Sort bars by value, largest first (default keeps the given order). */
  sort?: boolean;
}

/** Horizontal bars, each labelled with its value; a missing value is written, not drawn. */
export function barChart(rows: readonly BarRow[], options: BarChartOptions): SVGElement {
  const document = documentOf(options);
  const ordered = options.sort
    ? [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
    : [...rows];
  const svg = Plot.plot({
    document,
    width: options.width ?? 480,
    height: options.height ?? Math.max(100, 26 * ordered.length + 40),
    marginLeft: 150,
    marginRight: 80,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '12px',
      color: nhsColours.black,
    },
    y: { domain: ordered.map((row) => row.category), label: null },
    x: {
      grid: true,
      label: null,
      tickFormat: tickFormat(options.unit, [0, ...rows.map((row) => row.value)]),
      nice: true,
    },
    marks: [
      Plot.barX(
        ordered.filter((row) => row.value !== null),
        { x: 'value', y: 'category', fill: nhsColours.blue },
      ),
      Plot.ruleX([0], { stroke: nhsColours.black }),
      Plot.text(ordered, {
        y: 'category',
        frameAnchor: 'right',
        dx: 76,
        textAnchor: 'end',
        text: (row: BarRow) =>
          row.value === null ? 'no value' : formatValue(row.value, options.unit),
        fill: nhsColours.black,
      }),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'values by category', 'bar-chart');
  return svg;
}
