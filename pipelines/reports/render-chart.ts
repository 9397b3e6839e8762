import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import type { ReportChart } from './report-document.js';

/** A server-side document for the dashboards' chart components to draw into. */
export function chartDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/**
 * Draws a dashboards chart component on the server and keeps its SVG markup. Plot's
 * `<style>` block is kept: resvg applies its simple selectors.
 */
export function renderChart(
  name: string,
  alt: string,
  draw: (document: Document) => SVGElement,
): ReportChart {
  const svg = draw(chartDocument());
  if (!svg.getAttribute('xmlns')) svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const width = Number(svg.getAttribute('width') ?? 640);
  const height = Number(svg.getAttribute('height') ?? 320);
  return { name, alt, svg: svg.outerHTML, width, height };
}

/** The chart as a PNG at twice its size (sharp on high-density screens), fonts from the system. */
export function chartPng(chart: ReportChart): Buffer {
  const resvg = new Resvg(chart.svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Arial' },
  });
  return resvg.render().asPng();
}
