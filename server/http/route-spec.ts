import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.js';
import type { Principal, Role } from '../auth/principal.js';
import type { ContractName } from '../contracts.js';
import type { DisclosureRule } from '../disclosure/disclosure-rule.js';
import type { ResultTable } from '../query/result-table.js';
import type { ParamSpec, ParamValues } from '../validation/param-spec.js';
import type { AppEnv } from './app-env.js';

export type Format = 'json' | 'csv' | 'arrow';

/** What a route handler returns; the app serialises, caches and audits it. */
export interface Payload {
  /** The route's rows: the JSON `rows` field (unless `body` is given) and the CSV / Arrow body. */
  table?: ResultTable;
  /** JSON object fields; a ResultTable value is written as an array of row objects. */
  body?: Record<string, unknown>;
  status?: 200 | 201 | 202;
  /** Whether disclosure control was applied (the app states it). */
  disclosed?: boolean;
  /** Do not cache (a write, or a response about the caller's own state). */
  noStore?: boolean;
}

export interface RouteInput {
  deps: AppDeps;
  principal: Principal | null;
  params: ParamValues;
  /** The disclosure rule when the caller's role is controlled, else null. */
  disclosure: DisclosureRule | null;
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
  params: readonly ParamSpec[];
  formats: readonly Format[];
  /** The row contract of `table` (for OpenAPI and the contract test). */
  contract?: ContractName;
  /** Response served from the cache keyed by data version (GET only). */
  cached: boolean;
  requestBody?: { contentType: string; description: string };
  handle(input: RouteInput): Promise<Payload>;
}
