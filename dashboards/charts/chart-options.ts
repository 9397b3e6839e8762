/** What every chart component accepts besides its rows. */
export interface ChartOptions {
  /** The DOM to draw into: the browser's, or a server-side one (linkedom) for the reports. */
  document?: Document;
  width?: number;
  height?: number;
  /** Accessible name of the SVG (aria-label). */
  title?: string;
}

/** Units the indicator registry uses. */
export type ValueUnit = 'proportion' | 'rate_per_100k' | 'count' | 'minutes' | 'days' | 'beds';

export function documentOf(options: ChartOptions): Document {
  if (options.document) return options.document;
  if (typeof document !== 'undefined') return document;
  throw new Error('no document: pass options.document when drawing outside a browser');
}
