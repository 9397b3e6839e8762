import * as Plot from '@observablehq/plot';
import type {
  SpcAssuranceIcon,
  SpcVariation,
  SpcVariationIcon,
  XmrPoint,
} from '../../pipelines/indicators/index.js';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions, type ValueUnit } from './chart-options.js';
import { periodTicks, tickFormat, timeTickFormat } from './format-value.js';
import { nhsColours, spcColours } from './nhs-colours.js';
import { assuranceIcon, variationIcon } from './spc-icons.js';

/** One plotted point of an XmR chart, snake_case as the charts' channels. */
export interface SpcRow {
  period_start: Date;
  value: number;
  phase: number;
  mean: number | null;
  lower_limit: number | null;
  upper_limit: number | null;
  lower_two_sigma: number | null;
  upper_two_sigma: number | null;
  variation: SpcVariation;
}

export interface SpcChartOptions extends ChartOptions {
  unit: ValueUnit | string;
  target?: number | null;
  variationIcon?: SpcVariationIcon;
  assuranceIcon?: SpcAssuranceIcon;
  /** Draw the 2σ lines (default false). */
  twoSigma?: boolean;
  /** The series' time grain, for the axis labels. */
  grain?: string;
  /**
   * Values of periods not yet complete: drawn hollow, never judged (no colour, limits or
   * rule), labelled "so far" when after the judged points and "partial" when before them.
   */
  provisional?: readonly ProvisionalRow[];
}

/** A value whose period is not complete (the API's `is_provisional`). */
export interface ProvisionalRow {
  period_start: Date;
  value: number;
}

/** XmR points (the API's `spc.points`) as chart rows. */
export function spcRows(points: readonly XmrPoint[]): SpcRow[] {
  return points.map((point) => ({
    period_start: new Date(point.period),
    value: point.value,
    phase: point.phase,
    mean: point.mean,
    lower_limit: point.lowerLimit,
    upper_limit: point.upperLimit,
    lower_two_sigma: point.lowerTwoSigma,
    upper_two_sigma: point.upperTwoSigma,
    variation: point.variation,
  }));
}

const variationLabel: Record<SpcVariation, string> = {
  improvement: 'improvement',
  concern: 'concern',
  neutral: 'neither',
  common: 'common cause',
};

/**
 * A Making Data Count XmR chart: the data line, the mean and process limits per phase (dashed
 * limits, solid mean, optional dotted 2σ lines), points coloured by variation with the
 * special-cause ones also drawn larger and ringed, the target as a red dashed line, a vertical
 * mark where limits were recalculated, and the variation and assurance icons top right.
 */
export function spcChart(rows: readonly SpcRow[], options: SpcChartOptions): SVGElement {
  const document = documentOf(options);
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const phases = [...new Set(rows.map((row) => row.phase))];
  const limitMarks = phases.flatMap((phase) => {
    const inPhase = rows.filter((row) => row.phase === phase && row.mean !== null);
    const line = (y: keyof SpcRow, dash: string, colour: string, strokeWidth = 1.5) =>
      Plot.line(inPhase, {
        x: 'period_start',
        y,
        stroke: colour,
        strokeDasharray: dash,
        strokeWidth,
        curve: 'step',
      });
    const marks = [
      line('mean', '', nhsColours.black, 1.5),
      line('upper_limit', '6,4', nhsColours.grey),
      line('lower_limit', '6,4', nhsColours.grey),
    ];
    if (options.twoSigma) {
      marks.push(line('upper_two_sigma', '2,3', nhsColours.midGrey, 1));
      marks.push(line('lower_two_sigma', '2,3', nhsColours.midGrey, 1));
    }
    return marks;
  });
  const recalculations = rows.filter((row, i) => i > 0 && row.phase !== rows[i - 1].phase);
  const special = rows.filter((row) => row.variation !== 'common');
  const target = options.target ?? null;
  const provisional = options.provisional ?? [];
  const firstJudged = rows[0]?.period_start.getTime() ?? -Infinity;
  const soFarLabel = (row: ProvisionalRow) =>
    row.period_start.getTime() < firstJudged ? 'partial' : 'so far';
  const lastJudged = rows.at(-1);
  const trailing = provisional.filter((row) => row.period_start.getTime() > firstJudged);
  const leading = provisional.filter((row) => row.period_start.getTime() < firstJudged);
  const bridge = lastJudged && trailing.length ? [lastJudged, ...trailing] : [];
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop: 44,
    marginRight: 20,
    marginLeft: 56,
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
        [...rows, ...provisional].map((row) => row.period_start),
        options.grain,
      ),
    },
    y: {
      grid: true,
      label: null,
      nice: true,
      tickFormat: tickFormat(options.unit, [
        ...rows.flatMap((row) => [row.value, row.upper_limit, row.lower_limit]),
        ...provisional.map((row) => row.value),
        target,
      ]),
    },
    color: {
      domain: ['improvement', 'concern', 'neutral', 'common'],
      range: [spcColours.improvement, spcColours.concern, spcColours.neutral, spcColours.common],
    },
    marks: [
      ...limitMarks,
      target === null
        ? null
        : Plot.ruleY([target], { stroke: nhsColours.red, strokeDasharray: '8,3', strokeWidth: 2 }),
      target === null
        ? null
        : Plot.text([target], {
            y: (d: number) => d,
            frameAnchor: 'left',
            dx: 4,
            dy: -7,
            text: () => 'target',
            fill: nhsColours.red,
            fontWeight: 'bold',
          }),
      Plot.ruleX(recalculations, {
        x: 'period_start',
        stroke: nhsColours.darkBlue,
        strokeDasharray: '1,3',
        strokeWidth: 2,
      }),
      Plot.text(recalculations, {
        x: 'period_start',
        frameAnchor: 'top',
        dy: -6,
        text: () => 'recalculated',
        fill: nhsColours.darkBlue,
      }),
      Plot.line(rows, { x: 'period_start', y: 'value', stroke: nhsColours.grey, strokeWidth: 1.5 }),
      Plot.dot(rows, {
        x: 'period_start',
        y: 'value',
        fill: 'variation',
        r: (row: SpcRow) => (row.variation === 'common' ? 2.5 : 4.5),
        stroke: (row: SpcRow) => (row.variation === 'common' ? 'none' : nhsColours.black),
        strokeWidth: 1,
        title: (row: SpcRow) => variationLabel[row.variation],
      }),
      Plot.text(special, {
        x: 'period_start',
        y: 'value',
        text: (row: SpcRow) =>
          row.variation === 'improvement' ? '+' : row.variation === 'concern' ? '!' : '',
        dy: -10,
        fill: nhsColours.black,
        fontWeight: 'bold',
      }),
      Plot.line(bridge, {
        x: 'period_start',
        y: 'value',
        stroke: nhsColours.grey,
        strokeWidth: 1.5,
        strokeDasharray: '3,3',
      }),
      Plot.dot(provisional, {
        x: 'period_start',
        y: 'value',
        r: 4,
        fill: nhsColours.white,
        stroke: nhsColours.black,
        strokeWidth: 1.5,
        className: 'provisional',
        title: (row: ProvisionalRow) => `${soFarLabel(row)}: provisional, not judged`,
      }),
      ...[
        // One label for each run of provisional points, so adjacent labels never overlap.
        { data: leading.slice(0, 1), anchor: 'start' as const },
        { data: trailing.slice(-1), anchor: 'end' as const },
      ].map(({ data, anchor }) =>
        Plot.text(data, {
          x: 'period_start',
          y: 'value',
          text: soFarLabel,
          dy: -12,
          textAnchor: anchor,
          fill: nhsColours.black,
          fontStyle: 'italic',
        }),
      ),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'SPC chart', 'spc-chart');
  if (options.variationIcon) {
    svg.append(variationIcon(document, options.variationIcon, width - 60, 20));
  }
  if (options.assuranceIcon) {
    svg.append(assuranceIcon(document, options.assuranceIcon, width - 22, 20));
  }
  return svg;
}
