import { ClientError } from '../validation/client-error.js';
import type { Format } from './route-spec.js';

export const arrowMediaType = 'application/vnd.apache.arrow.stream';

/** The format asked for by `?format=` (first) or the Accept header; JSON by default. */
export function negotiateFormat(
  formatParam: string | undefined,
  accept: string | undefined,
  offered: readonly Format[],
): Format {
  let wanted: Format = 'json';
  if (formatParam !== undefined) {
    if (formatParam !== 'json' && formatParam !== 'csv' && formatParam !== 'arrow') {
      throw new ClientError(
        400,
        `format must be one of json, csv, arrow; got ${JSON.stringify(formatParam.slice(0, 40))}`,
      );
    }
    wanted = formatParam;
  } else if (accept) {
    if (accept.includes(arrowMediaType)) wanted = 'arrow';
    else if (accept.includes('text/csv')) wanted = 'csv';
  }
  if (!offered.includes(wanted)) {
    throw new ClientError(
      406,
      `this route is available as ${offered.join(', ')}; ${wanted} was asked for`,
    );
  }
  return wanted;
}

export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  arrow: arrowMediaType,
};
