import type { ColumnKind } from '../../pipelines/read/index.js';

const dayMs = 86_400_000;

/** An instant (epoch ms) as ISO 8601 UTC, the form every format shows for TIMESTAMP columns. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** An epoch day as YYYY-MM-DD. */
export function isoDate(days: number): string {
  return new Date(days * dayMs).toISOString().slice(0, 10);
}

/** A column value as the text CSV and JSON strings carry. */
export function textOf(kind: ColumnKind, value: string | number | boolean): string {
  if (kind === 'timestamp') return isoInstant(value as number);
  if (kind === 'date') return isoDate(value as number);
  return String(value);
}
