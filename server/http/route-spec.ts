import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.js';
import type {
  Principal,
  Role,
  ContractName,
  DisclosureRule,
  Reader,
  ResultTable,
} from '../../pipelines/read/index.js';
import type { ParamSpec, ParamValues } from '../validation/param-spec.js';
import type { AppEnv } from './app-env.js';

export type Format = 'json' | 'csv' | 'arrow';

/** What a route handler returns; the app serialises, caches and audits it. */
export interface Payload {
  /** The route's rows: the JSON `rows` field (unless `body` is given) and the CSV / Arrow body. */
  table?: ResultTable;
  /** JSON object fields; a ResultTable value is written as an array of row objects. */
  body?: Record<string, unknown>;
  status?: 200 | 201 | 202 | 503;
  /** Whether disclosure control was applied (the app states it). */
  disclosed?: boolean;
  /** Do not cache (a write, or a response about the caller's own state). */
  noStore?: boolean;
  /** Response headers that belong to this answer (e.g. a Link to the next page); cached with it. */
  headers?: Record<string, string>;
}

export interface RouteInput {
  deps: AppDeps;
  principal: Principal | null;
  params: ParamValues;
  /** The disclosure rule when the caller's role is controlled, else null. */
  disclosure: DisclosureRule | null;
  /** The read layer for this caller (null when no one is signed in: 'anyone' routes). */
  reader: Reader | null;
  c: Context<AppEnv>;
}

/** One route: how it is reached, who may call it, its parameters, and its handler. */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it; 'anyone' needs no sign-in. */
  roles: readonly Role[] | 'anyone';
  /**
   * Only callers without an ICS scope (403 for a scoped one): the route acts on, or shows,
   * every ICS at once (tokens, ad hoc report runs, quarantined raw text).
   */
  unscopedOnly?: boolean;
  params: readonly ParamSpec[];
  formats: readonly Format[];
  /** The row contract of `table` (for OpenAPI and the contract test). */
  contract?: ContractName;
  /** Answers in pages: a `next` JSON field and a Link header (rel="next") while more follow. */
  paged?: boolean;
  /** Response served from the cache keyed by data version (GET only). */
  cached: boolean;
  /**
   * The body a write takes: its type (a body of another type is refused with 415; none of the
   * types a cross-site form can send may be listed) and what it holds.
   */
  requestBody?: { contentType: string; alsoAccepted?: readonly string[]; description: string };
  handle(input: RouteInput): Promise<Payload>;
}
