import * as Plot from '@observablehq/plot';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions, type ValueUnit } from './chart-options.js';
import { formatValue, tickFormat } from './format-value.js';
import { nhsColours } from './nhs-colours.js';

/** One group's value with its 95% interval (an indicator_value row of a breakdown). */
export interface IntervalRow {
  category: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  denominator?: number | null;
}

export interface IntervalChartOptions extends ChartOptions {
  unit: ValueUnit | string;
  /** Categories that mean "not known"; drawn hollow and labelled, never dropped. */
  unknown?: readonly string[];
  /** A reference line, e.g. the whole population's value. */
  reference?: number | null;
}

const defaultUnknown = ['Unknown', 'unknown', 'Not known', 'Not stated', 'Z', '99', 'U'];

/** Whether a category is an "unknown" group. */
export function isUnknownCategory(
  category: string,
  unknown: readonly string[] = defaultUnknown,
): boolean {
  return unknown.includes(category);
}

/**
 * Values by group as dots with 95% interval bars, one row per group in the given order, each
 * labelled with its value; unknown groups are drawn hollow with "(unknown)" in the label, and a
 * group with no value says "no value" rather than disappearing.
 */
export function intervalChart(
  rows: readonly IntervalRow[],
  options: IntervalChartOptions,
): SVGElement {
  const document = documentOf(options);
  const unknown = options.unknown ?? defaultUnknown;
  const labelled = rows.map((row) => ({
    ...row,
    label: isUnknownCategory(row.category, unknown) ? `${row.category} (unknown)` : row.category,
    is_unknown: isUnknownCategory(row.category, unknown),
  }));
  const withValue = labelled.filter((row) => row.value !== null);
  const withInterval = withValue.filter((row) => row.lower !== null && row.upper !== null);
  const width = options.width ?? 640;
  const height = options.height ?? Math.max(120, 28 * rows.length + 50);
  const longest = Math.max(0, ...labelled.map((row) => row.label.length));
  const marginLeft = Math.min(400, Math.max(60, Math.round(longest * 6.4) + 14));
  const svg = Plot.plot({
    document,
    width,
    height,
    marginLeft,
    marginRight: 90,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '12px',
      color: nhsColours.black,
    },
    y: { domain: labelled.map((row) => row.label), label: null },
    x: {
      grid: true,
      label: null,
      tickFormat: tickFormat(
        options.unit,
        rows.flatMap((row) => [row.lower, row.upper, row.value]),
      ),
      nice: true,
      zero: options.unit !== 'proportion' ? true : false,
    },
    marks: [
      options.reference === undefined || options.reference === null
        ? null
        : Plot.ruleX([options.reference], { stroke: nhsColours.grey, strokeDasharray: '4,3' }),
      Plot.link(withInterval, {
        x1: 'lower',
        x2: 'upper',
        y1: 'label',
        y2: 'label',
        stroke: nhsColours.darkBlue,
        strokeWidth: 2,
      }),
      Plot.tickX(withInterval, { x: 'lower', y: 'label', stroke: nhsColours.darkBlue }),
      Plot.tickX(withInterval, { x: 'upper', y: 'label', stroke: nhsColours.darkBlue }),
      Plot.dot(withValue, {
        x: 'value',
        y: 'label',
        r: 5,
        fill: (row: { is_unknown: boolean }) =>
          row.is_unknown ? nhsColours.white : nhsColours.blue,
        stroke: nhsColours.darkBlue,
        strokeWidth: 2,
        symbol: (row: { is_unknown: boolean }) => (row.is_unknown ? 'diamond' : 'circle'),
      }),
      Plot.text(labelled, {
        y: 'label',
        frameAnchor: 'right',
        dx: 86,
        textAnchor: 'end',
        text: (row: IntervalRow) =>
          row.value === null ? 'no value' : formatValue(row.value, options.unit),
        fill: nhsColours.black,
      }),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'values by group with 95% intervals', 'interval-chart');
  return svg;
}
