import { formatValue, assuranceText, variationText } from '../../dashboards/charts/index.js';
import type { SpcAssuranceIcon, SpcVariationIcon } from '../indicators/index.js';
import type { ReportCell } from './report-document.js';

/** A value in its unit, as the dashboards write it ("76.3%", "42 min", "–"). */
export function formatted(value: unknown, unit: string): string {
  return formatValue(typeof value === 'number' ? value : null, unit);
}

/** A change between two values in words: "+2.1 pts", "−14" (percent points for proportions). */
export function change(now: unknown, before: unknown, unit: string): string {
  if (typeof now !== 'number' || typeof before !== 'number') return '–';
  const delta = unit === 'proportion' ? (now - before) * 100 : now - before;
  const text =
    Math.abs(delta) < 0.05
      ? '0'
      : (Math.round(delta * 10) / 10).toFixed(
          unit === 'proportion' ? 1 : Number.isInteger(delta) ? 0 : 1,
        );
  const signed = delta > 0 && text !== '0' ? `+${text}` : text.replace('-', '−');
  return unit === 'proportion' ? `${signed} pts` : signed;
}

/** The tone of a change given the indicator's polarity. */
export function toneOf(now: unknown, before: unknown, polarity: string): ReportCell['tone'] {
  if (typeof now !== 'number' || typeof before !== 'number' || now === before) return 'neutral';
  if (polarity === 'neither') return 'neutral';
  const better = polarity === 'higher_is_better' ? now > before : now < before;
  return better ? 'good' : 'bad';
}

/** A short label for the variation icon, with its meaning as Making Data Count states it. */
export function variationCell(icon: SpcVariationIcon | null | undefined): ReportCell {
  if (!icon || icon === 'none') return { text: 'too few points', tone: 'neutral' };
  const letter = icon.endsWith('_high') ? ' (H)' : icon.endsWith('_low') ? ' (L)' : '';
  if (icon.startsWith('improvement')) return { text: `Improvement${letter}`, tone: 'good' };
  if (icon.startsWith('concern')) return { text: `Concern${letter}`, tone: 'bad' };
  if (icon.startsWith('neutral')) return { text: `Special cause${letter}`, tone: 'warn' };
  return { text: 'Common cause', tone: 'neutral' };
}

export function assuranceCell(
  icon: SpcAssuranceIcon | null | undefined,
  target: number | null = null,
): ReportCell {
  switch (icon) {
    case 'pass':
      return { text: 'Consistently passing', tone: 'good' };
    case 'fail':
      return { text: 'Consistently failing', tone: 'bad' };
    case 'hit_and_miss':
      return { text: 'Hit and miss', tone: 'warn' };
    default:
      return { text: target === null ? 'no target' : 'too few points', tone: 'neutral' };
  }
}

export { assuranceText, variationText };

/** "Tue 24 Nov 2026" from YYYY-MM-DD. */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(`${date}T00:00:00Z`))
    .replace(',', '');
}

/** "November 2026" from YYYY-MM(-DD). */
export function monthName(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date.slice(0, 7)}-01T00:00:00Z`));
}

/** "indicator ae_4h_performance, org QXA, day 2026-11-24" */
export function sourceLine(indicator: string, orgs: string, grain: string, period: string): string {
  return `indicator ${indicator}, org ${orgs}, ${grain} ${period}`;
}

/** A trust's name without the legal suffix, for narrow chart labels. */
export function shortName(name: string): string {
  const short = name
    .replace(/ (NHS Foundation Trust|NHS Trust|Integrated Care Board)$/, '')
    .replace(/^NHS /, '');
  // The dashboards' bar chart leaves 150 px for labels: about 22 characters at 12 px Arial.
  return short.length > 22 ? `${short.slice(0, 21).trimEnd()}…` : short;
}
