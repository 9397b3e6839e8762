import { parseHTML } from 'linkedom';

/** A server-side document to draw charts into. */
export function serverDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
}

/**
 * An SVG as stable text for a snapshot: numbers rounded to one decimal, Plot's random class
 * names replaced, one element per line so a change shows as a readable diff.
 */
export function snapshotText(svg: Element): string {
  return (
    svg.outerHTML
      .replace(
        /plot-[0-9a-f]{6}(-[a-z0-9-]+)?/g,
        (_, suffix: string | undefined) => `plot${suffix ?? ''}`,
      )
      .replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10))
      .replace(/></g, '>\n<') + '\n'
  );
}
