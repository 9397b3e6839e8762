import { isoDate, isoInstant, type ColumnKind } from '../../pipelines/read/index.js';

/** A column value as the text CSV and JSON strings carry. */
export function textOf(kind: ColumnKind, value: string | number | boolean): string {
  if (kind === 'timestamp') return isoInstant(value as number);
  if (kind === 'date') return isoDate(value as number);
  return String(value);
}
