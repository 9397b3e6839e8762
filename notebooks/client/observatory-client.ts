import { tableFromIPC, type Table } from 'apache-arrow';
import type {
  IndicatorRow,
  IndicatorValueRow,
  InequalitySummaryRow,
  OrgRow,
} from '../../server/contracts.js';

export interface ObservatoryClientOptions {
  /** The service's address; default '' (the page's own origin, as served at /notebooks/). */
  baseUrl?: string;
  /** A bearer token (npm run token); default none: the browser's sign-in cookie is sent. */
  token?: string;
  fetch?: typeof fetch;
}

/** Query parameters of /api/indicators/:id/values. */
export interface IndicatorValuesQuery {
  org?: string;
  grain?: IndicatorValueRow['grain'];
  /** YYYY-MM-DD (or YYYY-MM). */
  from?: string;
  to?: string;
  /** Breakdown dimension; default total. */
  by?: string;
}

/** An API answer the client could not use: the status and the API's own message. */
export class ObservatoryApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${status} ${message}`);
    this.name = 'ObservatoryApiError';
  }
}

const arrowType = 'application/vnd.apache.arrow.stream';

/**
 * A small client for the observatory API from a notebook (or Node): every call asks for Arrow
 * (`Accept: application/vnd.apache.arrow.stream`) and gives the Arrow table (`table`) or plain
 * row objects typed by server/contracts.ts (`rows`). Column names are the API's, unchanged.
 */
export function observatoryClient(options: ObservatoryClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function table(
    path: string,
    params: Record<string, string | undefined> = {},
  ): Promise<Table> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined) search.set(name, value);
    const query = search.size > 0 ? `?${search}` : '';
    const headers: Record<string, string> = { accept: arrowType };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await doFetch(`${baseUrl}${path}${query}`, { headers, credentials: 'same-origin' });
    if (!res.ok) {
      let message = res.statusText;
      try {
        message = ((await res.json()) as { error?: string }).error ?? message;
      } catch {
        // not JSON: keep the status text
      }
      throw new ObservatoryApiError(res.status, path, message);
    }
    if (!(res.headers.get('content-type') ?? '').startsWith(arrowType))
      throw new ObservatoryApiError(
        res.status,
        path,
        `expected Arrow, got ${res.headers.get('content-type')}`,
      );
    return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  }

  async function rows<Row>(
    path: string,
    params: Record<string, string | undefined> = {},
  ): Promise<Row[]> {
    return (await table(path, params)).toArray().map((row) => row.toJSON() as Row);
  }

  const id = (value: string) => encodeURIComponent(value);
  return {
    /** Any Arrow route, as a table. */
    table,
    /** Any Arrow route, as row objects. */
    rows,
    orgs: () => rows<OrgRow>('/api/orgs'),
    indicators: () => rows<IndicatorRow>('/api/indicators'),
    indicatorValues: (indicatorId: string, query: IndicatorValuesQuery = {}) =>
      rows<IndicatorValueRow>(`/api/indicators/${id(indicatorId)}/values`, { ...query }),
    inequality: (indicatorId: string, query: Omit<IndicatorValuesQuery, 'by'> = {}) =>
      rows<InequalitySummaryRow>(`/api/indicators/${id(indicatorId)}/inequality`, { ...query }),
  };
}

export type ObservatoryClient = ReturnType<typeof observatoryClient>;
