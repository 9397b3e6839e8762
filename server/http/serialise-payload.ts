import type { DisclosureStatement, ResultTable } from '../../pipelines/read/index.js';
import { toArrowIpc } from '../formats/to-arrow-ipc.js';
import { toCsv } from '../formats/to-csv.js';
import { toJsonRows } from '../formats/to-json.js';
import type { Format, Payload } from './route-spec.js';

function isTable(value: unknown): value is ResultTable {
  return typeof value === 'object' && value !== null && 'kinds' in value && 'columns' in value;
}

/** A payload's bytes in the chosen format, and how many rows it carries. */
export function serialisePayload(
  payload: Payload,
  format: Format,
  dataVersion: number,
  disclosure: DisclosureStatement | null,
): { body: string | Uint8Array; rows: number } {
  if (format === 'csv') return { body: toCsv(payload.table!), rows: payload.table!.rowCount };
  if (format === 'arrow')
    return { body: toArrowIpc(payload.table!), rows: payload.table!.rowCount };
  const fields = payload.body ?? { rows: payload.table };
  let rows = 0;
  let json = `{"data_version":${dataVersion},"disclosure":${JSON.stringify(disclosure)}`;
  for (const [key, value] of Object.entries(fields)) {
    if (isTable(value)) {
      rows += value.rowCount;
      json += `,${JSON.stringify(key)}:${toJsonRows(value)}`;
    } else if (value !== undefined) {
      json += `,${JSON.stringify(key)}:${JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}`;
    }
  }
  return { body: json + '}', rows: payload.table && !payload.body ? payload.table.rowCount : rows };
}
