import * as Plot from '@observablehq/plot';
import { finishChart } from './finish-chart.js';
import { documentOf, type ChartOptions } from './chart-options.js';
import { nhsColours } from './nhs-colours.js';

/** How many patients went one way at one stage of the journey. */
export interface JourneyRow {
  /** e.g. 'Arrival', 'ED disposal', 'Discharge pathway', in journey order. */
  stage: string;
  category: string;
  patients: number;
}

const fills = [
  nhsColours.blue,
  '#41B6E6',
  nhsColours.darkBlue,
  '#768692',
  '#AE2573',
  nhsColours.green,
  '#330072',
  '#7C2855',
];
const darkInk = new Set(['#41B6E6', '#768692']);

/**
 * The patient journey as one stacked bar per stage (ED arrival → disposal → ward → discharge
 * destination), each normalised to 100% and every segment labelled with its category and count
 * when wide enough, so the flows compare stage by stage without a legend.
 */
export function journeyChart(rows: readonly JourneyRow[], options: ChartOptions = {}): SVGElement {
  const document = documentOf(options);
  const stages = [...new Set(rows.map((row) => row.stage))];
  const totals = new Map(stages.map((stage) => [stage, 0]));
  for (const row of rows) totals.set(row.stage, (totals.get(row.stage) ?? 0) + row.patients);
  const categories = [...new Set(rows.map((row) => row.category))];
  const fillOf = (category: string) => fills[categories.indexOf(category) % fills.length];
  const shaped = rows.map((row) => ({
    ...row,
    share: (totals.get(row.stage) ?? 0) > 0 ? row.patients / (totals.get(row.stage) ?? 1) : 0,
  }));
  const stack = { x: 'share', y: 'stage', order: null } as const;
  const svg = Plot.plot({
    document,
    width: options.width ?? 720,
    height: options.height ?? 48 * stages.length + 40,
    marginLeft: 130,
    marginRight: 10,
    style: {
      fontFamily: 'Arial, Helvetica, sans-serif',
      fontSize: '11px',
      color: nhsColours.black,
    },
    y: { domain: stages, label: null },
    x: { domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%`, label: null },
    marks: [
      Plot.barX(
        shaped,
        Plot.stackX({
          ...stack,
          fill: (row: JourneyRow) => fillOf(row.category),
          stroke: nhsColours.white,
          insetTop: 4,
          insetBottom: 4,
          title: (row: JourneyRow) => `${row.stage}: ${row.category} ${row.patients}`,
        }),
      ),
      Plot.text(
        shaped,
        Plot.stackX({
          ...stack,
          text: (row: JourneyRow & { share: number }) =>
            row.share >= 0.12 ? `${row.category}\n${row.patients.toLocaleString('en-GB')}` : '',
          fill: (row: JourneyRow) =>
            darkInk.has(fillOf(row.category)) ? nhsColours.black : nhsColours.white,
          lineHeight: 1.1,
        }),
      ),
    ],
  }) as SVGSVGElement;
  finishChart(svg, options.title ?? 'the patient journey by stage', 'journey-chart');
  return svg;
}
