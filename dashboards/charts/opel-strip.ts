import { documentOf, type ChartOptions } from './chart-options.js';
import { opelFill, opelMeaning } from './opel-badge.js';
import { svgElement } from './svg-element.js';

/** One organisation's level on one day (as at 08:00). */
export interface OpelDayRow {
  assessed_at: string;
  level: number;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'Europe/London',
});

/** "OPEL 1 on 2 days, OPEL 3 on 64 days": how many days at each level, lowest first. */
export function opelDaysText(rows: readonly OpelDayRow[]): string {
  const days = new Map<number, number>();
  for (const row of rows) days.set(row.level, (days.get(row.level) ?? 0) + 1);
  return [...days]
    .sort(([a], [b]) => a - b)
    .map(([level, n]) => `OPEL ${level} on ${n} day${n === 1 ? '' : 's'}`)
    .join(', ');
}

/**
 * Each day's level as at 08:00, oldest on the left: one cell per day on the level's colour,
 * its height the level (so the strip reads without colour), a tooltip per day, and the days
 * at each level as the strip's label.
 */
export function opelStrip(rows: readonly OpelDayRow[], options: ChartOptions = {}): SVGSVGElement {
  const document = documentOf(options);
  const width = options.width ?? 230;
  const height = options.height ?? 28;
  const ordered = [...rows].sort((a, b) => (a.assessed_at < b.assessed_at ? -1 : 1));
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const label =
    first && last
      ? `OPEL at 08:00 each day, ${dayFormat.format(new Date(first.assessed_at))} to ${dayFormat.format(new Date(last.assessed_at))}: ${opelDaysText(ordered)}`
      : 'No daily OPEL assessment yet';
  const svg = svgElement(document, 'svg', {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    // Stretched to the width it is given: one cell per day whatever the days shown.
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': options.title ?? label,
    class: 'opel-strip',
  });
  svg.append(svgElement(document, 'title', {}, label));
  const cell = ordered.length > 0 ? width / ordered.length : width;
  ordered.forEach((row, i) => {
    const level = Math.min(4, Math.max(1, Math.round(row.level)));
    const tall = (height * level) / 4;
    const rect = svgElement(document, 'rect', {
      x: (i * cell).toFixed(2),
      y: (height - tall).toFixed(2),
      width: Math.max(cell - (cell > 3 ? 0.5 : 0), 0.5).toFixed(2),
      height: tall.toFixed(2),
      fill: opelFill[level]!.fill,
      'data-level': level,
    });
    rect.append(
      svgElement(
        document,
        'title',
        {},
        `${dayFormat.format(new Date(row.assessed_at))}: OPEL ${level}, ${opelMeaning[level]}`,
      ),
    );
    svg.append(rect);
  });
  return svg;
}
