import * as Plot from '@observablehq/plot';
import { documentOf, type ChartOptions, type ValueUnit } from './chart-options.js';
import { tickFormat } from './format-value.js';
import { nhsColours, seriesColours } from './nhs-colours.js';

/** One point of one series (an indicator_value row). */
export interface TimeSeriesRow {
  period_start: Date;
  value: number | null;
  org_code: string;
}

export interface TimeSeriesChartOptions extends ChartOptions {
  unit: ValueUnit | string;
  /** Display names by org_code (the label at each line's end). */
  names?: Readonly<Record<string, string>>;
  target?: number | null;
}

/**
 * Several organisations' series as lines, each labelled at its last point with its name (so a
 * series is found by its label, not only its colour), and the target as a red dashed line.
 */
export function timeSeriesChart(
  rows: readonly TimeSeriesRow[],
  options: TimeSeriesChartOptions,
): SVGElement {
  const document = documentOf(options);
  const points = rows.filter((row) => row.value !== null);
  const codes = [...new Set(points.map((row) => row.org_code))];
  const nameOf = (code: string) => options.names?.[code] ?? code;
  const last = codes.map((code) => {
    const own = points.filter((row) => row.org_code === code);
    return own.reduce((a, b) => (b.period_start > a.period_start ? b : a));
  });
  const target = options.target ?? null;
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height: options.height ?? 300,
    marginLeft: 56,
    marginRight: 130,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '12px',
      color: nhsColours.black,
    },
    x: { type: 'utc', label: null },
    y: { grid: true, label: null, tickFormat: tickFormat(options.unit), nice: true },
    color: { domain: codes, range: seriesColours },
    marks: [
      target === null
        ? null
        : Plot.ruleY([target], { stroke: nhsColours.red, strokeDasharray: '8,3', strokeWidth: 2 }),
      Plot.line(points, {
        x: 'period_start',
        y: 'value',
        stroke: 'org_code',
        z: 'org_code',
        strokeWidth: 2,
      }),
      Plot.dot(last, { x: 'period_start', y: 'value', fill: 'org_code', r: 3 }),
      Plot.text(last, {
        x: 'period_start',
        y: 'value',
        text: (row: TimeSeriesRow) => nameOf(row.org_code),
        textAnchor: 'start',
        dx: 6,
        fill: 'org_code',
        fontWeight: 'bold',
      }),
    ],
  }) as SVGSVGElement;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.title ?? 'values over time');
  return svg;
}
