import { tableFromIPC, type Table } from 'apache-arrow';
import type {
  IndicatorRow,
  IndicatorValueRow,
  InequalitySummaryRow,
  LocalAuthorityRow,
  OrgRow,
  ScenarioValueRow,
} from '../../pipelines/read/index.js';

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

/** A scenario as POST /api/scenarios and GET /api/scenarios/:id describe it (JSON). */
export interface ScenarioStatus {
  scenario_id: string;
  name: string;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  request: { hours: number; replications: number; levers: Array<Record<string, unknown>> };
  random_seed: number;
  started_at: string | null;
  data_version: number | null;
  summary: string[];
  progress: { done: number; total: number } | null;
}

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
    const pages: Table[] = [];
    // A paged route links to its next page (Link: <…>; rel="next"): every page is read.
    for (let next: string | null = `${path}${query}`; next !== null;) {
      const { table: page, link } = await tablePage(path, next);
      pages.push(page);
      next = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1] ?? null;
    }
    return pages.length === 1 ? pages[0]! : pages[0]!.concat(...pages.slice(1));
  }

  async function tablePage(
    path: string,
    pathAndQuery: string,
  ): Promise<{ table: Table; link: string | null }> {
    const headers: Record<string, string> = { accept: arrowType };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await doFetch(`${baseUrl}${pathAndQuery}`, { headers, credentials: 'same-origin' });
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
    return {
      table: tableFromIPC(new Uint8Array(await res.arrayBuffer())),
      link: res.headers.get('link'),
    };
  }

  async function json<Body>(path: string, body?: unknown): Promise<Body> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await doFetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const answer = (await res.json().catch(() => ({}))) as Body & { error?: string };
    if (!res.ok) throw new ObservatoryApiError(res.status, path, answer.error ?? res.statusText);
    return answer;
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
    localAuthorities: () => rows<LocalAuthorityRow>('/api/local-authorities'),
    indicators: () => rows<IndicatorRow>('/api/indicators'),
    indicatorValues: (indicatorId: string, query: IndicatorValuesQuery = {}) =>
      rows<IndicatorValueRow>(`/api/indicators/${id(indicatorId)}/values`, { ...query }),
    inequality: (indicatorId: string, query: Omit<IndicatorValuesQuery, 'by'> = {}) =>
      rows<InequalitySummaryRow>(`/api/indicators/${id(indicatorId)}/inequality`, { ...query }),
    /** Starts a what-if scenario (POST /api/scenarios); it runs on while you poll `scenario`. */
    startScenario: (body: Record<string, unknown>) =>
      json<{ scenario: ScenarioStatus; url: string }>('/api/scenarios', body),
    /** A scenario's status, progress and one-line summary (GET /api/scenarios/:id, JSON). */
    scenario: async (scenarioId: string) =>
      (
        await json<{ scenario: ScenarioStatus }>(
          `/api/scenarios/${id(scenarioId)}?measure=arrivals&run=baseline`,
        )
      ).scenario,
    /** A finished scenario's outputs per org and hour, with 80% and 95% ranges (Arrow). */
    scenarioValues: (scenarioId: string, query: { org?: string; measure?: string } = {}) =>
      rows<ScenarioValueRow>(`/api/scenarios/${id(scenarioId)}`, { ...query }),
  };
}

export type ObservatoryClient = ReturnType<typeof observatoryClient>;
