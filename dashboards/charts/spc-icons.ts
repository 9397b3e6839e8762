import type { SpcAssuranceIcon, SpcVariationIcon } from '../../pipelines/indicators/index.js';
import { documentOf, type ChartOptions } from './chart-options.js';
import { nhsColours, spcColours } from './nhs-colours.js';
import { svgElement } from './svg-element.js';

/** What the variation icon says, in words (its accessible name). */
export function variationText(icon: SpcVariationIcon): string {
  switch (icon) {
    case 'improvement_high':
      return 'special cause variation: improvement, high';
    case 'improvement_low':
      return 'special cause variation: improvement, low';
    case 'concern_high':
      return 'special cause variation: concern, high';
    case 'concern_low':
      return 'special cause variation: concern, low';
    case 'neutral_high':
      return 'special cause variation: neither improvement nor concern, high';
    case 'neutral_low':
      return 'special cause variation: neither improvement nor concern, low';
    case 'common':
      return 'common cause variation';
    default:
      return 'no variation icon (too few points)';
  }
}

/** What the assurance icon says, in words. */
export function assuranceText(icon: SpcAssuranceIcon): string {
  switch (icon) {
    case 'pass':
      return 'assurance: the target will consistently be met';
    case 'fail':
      return 'assurance: the target will consistently be missed';
    case 'hit_and_miss':
      return 'assurance: the target will be hit and missed at random';
    default:
      return 'no assurance icon (no target or too few points)';
  }
}

function variationColour(icon: SpcVariationIcon): string {
  if (icon.startsWith('improvement')) return spcColours.improvement;
  if (icon.startsWith('concern')) return spcColours.concern;
  if (icon.startsWith('neutral')) return spcColours.neutral;
  return spcColours.common;
}

function assuranceColour(icon: SpcAssuranceIcon): string {
  if (icon === 'pass') return spcColours.improvement;
  if (icon === 'fail') return spcColours.concern;
  return spcColours.common;
}

/**
 * The Making Data Count variation icon drawn at (x, y) with radius r: a ring in the variation
 * colour, the letter H or L for a high or low special cause with an arrow, and for common cause a
 * flat run of dots, so the state is read from the shape and letter as well as the colour.
 */
export function variationIcon(
  document: Document,
  icon: SpcVariationIcon,
  x: number,
  y: number,
  r = 16,
): SVGGElement {
  const colour = variationColour(icon);
  const g = svgElement(document, 'g', {
    transform: `translate(${x},${y})`,
    role: 'img',
    'aria-label': variationText(icon),
    class: `spc-icon variation ${icon}`,
  });
  g.append(svgElement(document, 'title', {}, variationText(icon)));
  g.append(
    svgElement(document, 'circle', {
      r,
      fill: nhsColours.white,
      stroke: colour,
      'stroke-width': 3,
    }),
  );
  if (icon === 'none') {
    g.append(textAt(document, 0, 0, '–', nhsColours.grey, r));
    return g;
  }
  if (icon === 'common') {
    for (const dx of [-0.55, -0.2, 0.15, 0.5]) {
      g.append(
        svgElement(document, 'circle', {
          cx: round(dx * r),
          cy: round(dx * r * 0.15),
          r: round(r * 0.13),
          fill: '#595959',
        }),
      );
    }
    return g;
  }
  const high = icon.endsWith('_high');
  g.append(
    textAt(
      document,
      -r * 0.22,
      0,
      high ? 'H' : 'L',
      colour === spcColours.improvement
        ? '#00739E'
        : colour === spcColours.concern
          ? '#B34700'
          : colour,
      r,
    ),
  );
  const ax = r * 0.45;
  const points = high
    ? `${ax - r * 0.22},${-r * 0.05} ${ax + r * 0.22},${-r * 0.05} ${ax},${-r * 0.5}`
    : `${ax - r * 0.22},${r * 0.05} ${ax + r * 0.22},${r * 0.05} ${ax},${r * 0.5}`;
  g.append(svgElement(document, 'polygon', { points: roundPoints(points), fill: colour }));
  return g;
}

/** The assurance icon at (x, y): a ring with P (pass), F (fail) or ? (hit and miss). */
export function assuranceIcon(
  document: Document,
  icon: SpcAssuranceIcon,
  x: number,
  y: number,
  r = 16,
): SVGGElement {
  const colour = assuranceColour(icon);
  const g = svgElement(document, 'g', {
    transform: `translate(${x},${y})`,
    role: 'img',
    'aria-label': assuranceText(icon),
    class: `spc-icon assurance ${icon}`,
  });
  g.append(svgElement(document, 'title', {}, assuranceText(icon)));
  g.append(
    svgElement(document, 'circle', {
      r,
      fill: nhsColours.white,
      stroke: colour,
      'stroke-width': 3,
    }),
  );
  const letter =
    icon === 'pass' ? 'P' : icon === 'fail' ? 'F' : icon === 'hit_and_miss' ? '?' : '–';
  const ink = icon === 'pass' ? '#00739E' : icon === 'fail' ? '#B34700' : nhsColours.grey;
  g.append(textAt(document, 0, 0, letter, ink, r));
  return g;
}

/** Both icons side by side as one small SVG (tables, the region page). */
export function spcIcons(
  icons: { variationIcon: SpcVariationIcon; assuranceIcon: SpcAssuranceIcon },
  options: ChartOptions & { size?: number } = {},
): SVGSVGElement {
  const document = documentOf(options);
  const size = options.size ?? 28;
  const r = size / 2 - 2;
  const svg = svgElement(document, 'svg', {
    width: size * 2 + 4,
    height: size,
    viewBox: `0 0 ${size * 2 + 4} ${size}`,
    role: 'img',
    'aria-label': `${variationText(icons.variationIcon)}; ${assuranceText(icons.assuranceIcon)}`,
    class: 'spc-icons',
  });
  svg.append(variationIcon(document, icons.variationIcon, size / 2, size / 2, r));
  svg.append(assuranceIcon(document, icons.assuranceIcon, size * 1.5 + 4, size / 2, r));
  return svg;
}

function textAt(
  document: Document,
  x: number,
  y: number,
  text: string,
  fill: string,
  r: number,
): SVGTextElement {
  return svgElement(
    document,
    'text',
    {
      x: round(x),
      y: round(y),
      'text-anchor': 'middle',
      'dominant-baseline': 'central',
      'font-family': 'Arial, Helvetica, sans-serif',
      'font-weight': 'bold',
      'font-size': round(r * 1.05),
      fill,
      'aria-hidden': 'true',
    },
    text,
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function roundPoints(points: string): string {
  return points
    .split(' ')
    .map((pair) =>
      pair
        .split(',')
        .map((n) => round(Number(n)))
        .join(','),
    )
    .join(' ');
}
