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
import type { z } from '@hono/zod-openapi';
import type { ParamShape } from '../validation/params.js';
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

export interface RouteInput<Params = Record<string, unknown>, Body = unknown> {
  deps: AppDeps;
  principal: Principal | null;
  /** The path and query parameters, validated and typed by the route's schemas. */
  params: Params;
  /** A JSON body, checked by the route's `body` schema when it has one (empty: `{}`). */
  body: Body;
  /** The disclosure rule when the caller's role is controlled, else null. */
  disclosure: DisclosureRule | null;
  /** The read layer for this caller (null when no one is signed in: 'anyone' routes). */
  reader: Reader | null;
  c: Context<AppEnv>;
}

/** One route: how it is reached, who may call it, its parameters, and its handler. */
export interface RouteSpec<Params = Record<string, unknown>> {
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
  /** Path parameters (each named in `path` as `:name`): validated, typed and documented. */
  pathParams?: ParamShape;
  /** Query parameters besides `format`: validated, typed and documented. */
  query?: ParamShape;
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
  /** The schema of a JSON body (validated before the handler and documented). */
  body?: z.ZodType;
  handle(input: RouteInput<Params>): Promise<Payload>;
}

type Values<Shape extends ParamShape> = { [K in keyof Shape]: z.output<Shape[K]> };

/**
 * A route whose handler receives its parameters typed from its schemas: `params.org` is a
 * `string`, `params.days` a `number`, an optional one `… | undefined`.
 */
export function defineRoute<
  Path extends ParamShape = Record<never, never>,
  Query extends ParamShape = Record<never, never>,
  Body extends z.ZodType = z.ZodUnknown,
>(
  spec: Omit<RouteSpec, 'pathParams' | 'query' | 'body' | 'handle'> & {
    pathParams?: Path;
    query?: Query;
    body?: Body;
    handle(input: RouteInput<Values<Path> & Values<Query>, z.output<Body>>): Promise<Payload>;
  },
): RouteSpec {
  return spec as RouteSpec;
}
