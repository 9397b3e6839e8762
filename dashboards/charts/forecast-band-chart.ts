import * as Plot from '@observablehq/plot';
import type { ForecastRow } from '../../pipelines/read/index.js';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions } from './chart-options.js';
import { timeTickFormat } from './format-value.js';
import { nhsColours } from './nhs-colours.js';

/** Arrivals counted in one hour. */
export interface ArrivalsRow {
  hour_start: Date;
  arrivals: number;
}

/** A forecast hour with its instants as Dates. */
export type ForecastBandRow = Omit<ForecastRow, 'hour_start' | 'generated_at'> & {
  hour_start: Date;
};

export interface ForecastBandChartOptions extends ChartOptions {
  forecast: readonly ForecastBandRow[];
  /** The data clock: a vertical "now" line. */
  now?: Date | null;
}

/**
 * Recent hourly arrivals (dots joined by a line) against the forecast: the 95% band pale, the
 * 80% band darker, the mean dashed; arrivals outside the 95% band are ringed in red.
 */
export function forecastBandChart(
  rows: readonly ArrivalsRow[],
  options: ForecastBandChartOptions,
): SVGElement {
  const document = documentOf(options);
  const forecast = options.forecast;
  const band = (hour: Date) => forecast.find((f) => f.hour_start.getTime() === hour.getTime());
  const outside = rows.filter((row) => {
    const f = band(row.hour_start);
    return f !== undefined && (row.arrivals > f.upper95 || row.arrivals < f.lower95);
  });
  const svg = Plot.plot({
    document,
    width: options.width ?? 420,
    height: options.height ?? 180,
    marginLeft: 36,
    marginRight: 12,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '11px',
      color: nhsColours.black,
    },
    x: { type: 'utc', label: null, ticks: 4, tickFormat: timeTickFormat('hour') },
    y: { grid: true, label: 'arrivals per hour', labelAnchor: 'top', nice: true, zero: true },
    marks: [
      Plot.areaY(forecast, {
        x: 'hour_start',
        y1: 'lower95',
        y2: 'upper95',
        fill: '#C8E1F5',
        curve: 'step-after',
      }),
      Plot.areaY(forecast, {
        x: 'hour_start',
        y1: 'lower80',
        y2: 'upper80',
        fill: '#8CB8E0',
        curve: 'step-after',
      }),
      Plot.line(forecast, {
        x: 'hour_start',
        y: 'mean',
        stroke: nhsColours.darkBlue,
        strokeDasharray: '4,3',
        curve: 'step-after',
      }),
      options.now
        ? Plot.ruleX([options.now], { stroke: nhsColours.grey, strokeDasharray: '2,2' })
        : null,
      Plot.line(rows, {
        x: 'hour_start',
        y: 'arrivals',
        stroke: nhsColours.black,
        strokeWidth: 1.5,
        curve: 'step-after',
      }),
      Plot.dot(rows, { x: 'hour_start', y: 'arrivals', fill: nhsColours.black, r: 2.5 }),
      Plot.dot(outside, {
        x: 'hour_start',
        y: 'arrivals',
        stroke: nhsColours.red,
        r: 6,
        strokeWidth: 2,
      }),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'arrivals against the forecast band', 'forecast-band-chart');
  return svg;
}
