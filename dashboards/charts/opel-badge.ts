import { documentOf, type ChartOptions } from './chart-options.js';
import { svgElement } from './svg-element.js';

/** An organisation's OPEL level. */
export interface OpelBadgeRow {
  level: number;
  org_name?: string | null;
}

/** What each level means (the integrated OPEL framework 2024–26). */
export const opelMeaning: Record<number, string> = {
  1: 'meeting demand',
  2: 'signs of pressure',
  3: 'major pressures compromising flow',
  4: 'unable to deliver comprehensive care',
};

export const opelFill: Record<number, { fill: string; ink: string }> = {
  1: { fill: '#007F3B', ink: '#FFFFFF' },
  2: { fill: '#FFB81C', ink: '#212B32' },
  3: { fill: '#ED8B00', ink: '#212B32' },
  4: { fill: '#D5281B', ink: '#FFFFFF' },
};

/**
 * The OPEL level as a badge: "OPEL 3" on the level's colour, its meaning beneath, and a bar of
 * four steps with the level's filled, so the level reads from the text and the steps as well as
 * the colour.
 */
export function opelBadge(row: OpelBadgeRow, options: ChartOptions = {}): SVGSVGElement {
  const document = documentOf(options);
  const level = Math.min(4, Math.max(1, Math.round(row.level)));
  const width = options.width ?? 230;
  const height = options.height ?? 58;
  const colours = opelFill[level];
  const label = `OPEL ${level}: ${opelMeaning[level]}${row.org_name ? ` (${row.org_name})` : ''}`;
  const svg = svgElement(document, 'svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': options.title ?? label,
    class: `opel-badge opel-${level}`,
  });
  svg.append(svgElement(document, 'title', {}, label));
  svg.append(
    svgElement(document, 'rect', { x: 0, y: 0, width, height: 34, rx: 4, fill: colours.fill }),
  );
  svg.append(
    svgElement(
      document,
      'text',
      {
        x: 10,
        y: 24,
        fill: colours.ink,
        'font-family': 'Arial, Helvetica, sans-serif',
        'font-size': 20,
        'font-weight': 'bold',
      },
      `OPEL ${level}`,
    ),
  );
  for (let step = 1; step <= 4; step++) {
    svg.append(
      svgElement(document, 'rect', {
        x: width - 4 - (5 - step) * 14,
        y: 28 - step * 5,
        width: 10,
        height: step * 5,
        fill: step <= level ? colours.ink : 'none',
        stroke: colours.ink,
        'stroke-width': 1,
      }),
    );
  }
  svg.append(
    svgElement(
      document,
      'text',
      {
        x: 0,
        y: 50,
        fill: '#212B32',
        'font-family': 'Arial, Helvetica, sans-serif',
        'font-size': 12,
      },
      opelMeaning[level],
    ),
  );
  return svg;
}
