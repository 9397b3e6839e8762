import * as Plot from '@observablehq/plot';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions, type ValueUnit } from './chart-options.js';
import { periodTicks, tickFormat, timeTickFormat } from './format-value.js';
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
  grain?: string;
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
  const height = options.height ?? 300;
  const labels = spreadLabels(
    last,
    [...points.map((row) => row.value as number), ...(target === null ? [] : [target])],
    height,
  );
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height,
    marginLeft: 56,
    marginRight: 170,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '12px',
      color: nhsColours.black,
    },
    x: {
      type: 'utc',
      label: null,
      tickFormat: timeTickFormat(options.grain),
      ticks: periodTicks(
        points.map((row) => row.period_start),
        options.grain,
      ),
    },
    y: {
      grid: true,
      label: null,
      nice: true,
      // The lines and target set the domain; labels moved apart may sit just beyond it.
      domain: extent([
        ...points.map((row) => row.value as number),
        ...(target === null ? [] : [target]),
      ]),
      tickFormat: tickFormat(options.unit, [...points.map((row) => row.value), target]),
    },
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
      Plot.text(labels, {
        x: 'period_start',
        y: 'label_y',
        text: (row: TimeSeriesRow) => nameOf(row.org_code),
        textAnchor: 'start',
        dx: 6,
        fill: 'org_code',
        fontWeight: 'bold',
        // A long name ends in an ellipsis within the right margin; its tooltip is the whole name.
        lineWidth: 13,
        textOverflow: 'ellipsis',
        title: (row: TimeSeriesRow) => nameOf(row.org_code),
      }),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'values over time', 'time-series-chart');
  return svg;
}

/**
 * Moves end-of-line labels apart vertically (in data units, from the chart's height) so that
 * labels of lines ending close together do not overlap; each label keeps its line's colour.
 */
function spreadLabels(
  last: readonly TimeSeriesRow[],
  values: readonly number[],
  height: number,
): Array<TimeSeriesRow & { label_y: number }> {
  const span = Math.max(...values) - Math.min(...values) || Math.abs(values[0] ?? 1) || 1;
  const gap = (span * 14) / Math.max(60, height - 60);
  const sorted = [...last].sort((a, b) => (a.value as number) - (b.value as number));
  const placed: Array<TimeSeriesRow & { label_y: number }> = [];
  for (const row of sorted) {
    const below = placed.at(-1);
    const y = below ? Math.max(row.value as number, below.label_y + gap) : (row.value as number);
    placed.push({ ...row, label_y: y });
  }
  return placed;
}

function extent(values: readonly number[]): [number, number] | undefined {
  if (values.length === 0) return undefined;
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? [low - 1, high + 1] : [low, high];
}
