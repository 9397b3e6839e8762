import * as Plot from '@observablehq/plot';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions } from './chart-options.js';
import { nhsColours } from './nhs-colours.js';

/** One hour of one run of a scenario output: mean, 80% range (p10–p90), 95% range (p025–p975). */
export interface ScenarioBandRow {
  hour_start: Date;
  run: 'baseline' | 'scenario';
  mean: number | null;
  p025: number | null;
  p10: number | null;
  p90: number | null;
  p975: number | null;
}

export interface ScenarioBandChartOptions extends ChartOptions {
  /** The y axis label, e.g. "patients in ED". */
  label: string;
  /** Values are shares (0–1) shown as percentages. */
  percent?: boolean;
}

/** Ticks over a horizon of days: "Sun 7, 00:00" (UK time). */
const dayAndHour = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

const colours = { baseline: nhsColours.midGrey, scenario: nhsColours.blue } as const;

/**
 * A scenario against the no-change baseline hour by hour: each run's 95% range pale, its 80%
 * range darker and its mean as a line (baseline grey and dashed, scenario blue and solid).
 */
export function scenarioBandChart(
  rows: readonly ScenarioBandRow[],
  options: ScenarioBandChartOptions,
): SVGElement {
  const document = documentOf(options);
  const kept = rows.filter((row) => row.mean !== null);
  const run = (name: 'baseline' | 'scenario') => kept.filter((row) => row.run === name);
  const bands = (name: 'baseline' | 'scenario') => [
    Plot.areaY(run(name), {
      x: 'hour_start',
      y1: 'p025',
      y2: 'p975',
      fill: colours[name],
      fillOpacity: 0.15,
      curve: 'step-after',
    }),
    Plot.areaY(run(name), {
      x: 'hour_start',
      y1: 'p10',
      y2: 'p90',
      fill: colours[name],
      fillOpacity: 0.3,
      curve: 'step-after',
    }),
    Plot.line(run(name), {
      x: 'hour_start',
      y: 'mean',
      stroke: colours[name],
      strokeWidth: name === 'scenario' ? 2 : 1.5,
      strokeDasharray: name === 'baseline' ? '4,3' : undefined,
      curve: 'step-after',
    }),
  ];
  const svg = Plot.plot({
    document,
    width: options.width ?? 460,
    height: options.height ?? 200,
    marginLeft: 44,
    marginRight: 12,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '11px',
      color: nhsColours.black,
    },
    x: { type: 'utc', label: null, ticks: 4, tickFormat: (d: Date) => dayAndHour.format(d) },
    y: {
      grid: true,
      label: options.label,
      labelAnchor: 'top',
      nice: true,
      zero: !options.percent,
      tickFormat: options.percent ? (v: number) => `${Math.round(v * 100)}%` : undefined,
    },
    marks: [...bands('baseline'), ...bands('scenario')],
  }) as SVGSVGElement;
  finishChart(
    svg,
    options.title ?? `${options.label}: scenario against no change`,
    'scenario-band-chart',
  );
  return svg;
}
