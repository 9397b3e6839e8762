import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { contractColumns, type ContractName } from '../../pipelines/read/index.js';
import type { AppEnv } from '../http/app-env.js';
import { arrowMediaType } from '../http/negotiate-format.js';
import type { RouteSpec } from '../http/route-spec.js';
import { formatParam } from '../validation/params.js';

/** `/api/indicators/:id/values` as OpenAPI writes it: `/api/indicators/{id}/values`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** A route's query schema: its own parameters and `format`. */
export function querySchema(spec: RouteSpec) {
  return z.object({ ...spec.query, format: formatParam(spec.formats) });
}

function pathSchema(spec: RouteSpec) {
  return spec.pathParams ? z.object(spec.pathParams) : undefined;
}

const errorResponses = Object.fromEntries(
  [
    ['400', 'a parameter is missing or invalid'],
    ['401', 'not signed in'],
    ['403', 'the token’s role may not use this route'],
    ['404', 'no such thing that you can see'],
    ['429', 'too many requests; see Retry-After'],
  ].map(([code, description]) => [
    code,
    {
      description: description!,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } },
    },
  ]),
);

function successContent(spec: RouteSpec) {
  const json = spec.contract
    ? {
        type: 'object' as const,
        properties: {
          data_version: { type: 'integer' as const },
          disclosure: { description: 'the disclosure rule applied, or null' },
          rows: {
            type: 'array' as const,
            items: { $ref: `#/components/schemas/${spec.contract}` },
          },
          ...(spec.paged
            ? {
                next: {
                  type: ['string', 'null'] as 'string'[],
                  description:
                    'path and query of the next page (the same request with its cursor), or null on the last',
                },
              }
            : {}),
        },
      }
    : { type: 'object' as const };
  return {
    'application/json': { schema: json },
    ...(spec.formats.includes('csv')
      ? { 'text/csv': { schema: { type: 'string' as const } } }
      : {}),
    ...(spec.formats.includes('arrow')
      ? { [arrowMediaType]: { schema: { type: 'string' as const, format: 'binary' } } }
      : {}),
  };
}

/**
 * The OpenAPI route of a spec, from its schemas: parameters, the body it takes, who may call
 * it (`x-roles`), its answers. The app mounts it with `app.openapi`, so what is documented is
 * what is validated.
 */
export function openApiRoute(spec: RouteSpec) {
  const path = pathSchema(spec);
  return createRoute({
    method: spec.method.toLowerCase() as 'get' | 'post' | 'delete',
    path: openApiPath(spec.path),
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.roles === 'anyone' ? { security: [] } : { 'x-roles': [...spec.roles] }),
    ...(spec.unscopedOnly ? { 'x-unscoped-only': true } : {}),
    request: {
      query: querySchema(spec),
      ...(path ? { params: path } : {}),
      ...(spec.requestBody
        ? {
            body: {
              required: true,
              description: spec.requestBody.description,
              content: { [spec.requestBody.contentType]: { schema: spec.body ?? {} } },
            },
          }
        : {}),
    },
    responses: {
      [spec.method === 'POST' && spec.requestBody ? '201' : '200']: {
        description: 'success',
        ...(spec.cached || spec.paged
          ? {
              headers: {
                ...(spec.cached ? { ETag: { schema: { type: 'string' as const } } } : {}),
                ...(spec.paged
                  ? {
                      Link: {
                        description:
                          '`<path?…&cursor=…>; rel="next"` while more pages follow (every format)',
                        schema: { type: 'string' as const },
                      },
                    }
                  : {}),
              },
            }
          : {}),
        content: successContent(spec),
      },
      ...(spec.cached
        ? { '304': { description: 'not modified (If-None-Match matched the data version)' } }
        : {}),
      ...errorResponses,
    },
  });
}

function rowSchema(contract: ContractName) {
  return {
    type: 'object' as const,
    description: `one row of ${contract} (pipelines/read/contracts.ts)`,
    properties: Object.fromEntries(contractColumns[contract].map((column) => [column, {}])),
    required: [...contractColumns[contract]],
  };
}

/** Registers what every route's document refers to: the error body, row contracts, sign-in. */
export function registerComponents(app: OpenAPIHono<AppEnv>): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent('schemas', 'error', {
    type: 'object',
    properties: {
      error: { type: 'string', description: 'what was wrong, in words a person can act on' },
      request_id: { type: 'string' },
    },
    required: ['error'],
  });
  for (const name of Object.keys(contractColumns) as ContractName[])
    registry.registerComponent('schemas', name, rowSchema(name));
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'a token from `npm run -s token -- create --role R`',
  });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'ifo_session',
    description: 'set by POST /signin',
  });
}

/** The OpenAPI 3.1 document of every route the app mounted with its schemas. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, version: string) {
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'ICS Flow Observatory API',
      version,
      description:
        'Patient-flow and inequality indicators, live state, SPC, OPEL, forecasts, alerts and feed quality. ' +
        'Every route answers JSON; tabular routes also CSV (?format=csv or Accept: text/csv) and Arrow IPC stream ' +
        `(?format=arrow or Accept: ${arrowMediaType}). Responses carry an ETag from the data version. ` +
        'Public outputs are disclosure-controlled (header X-Disclosure-Control).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
  });
}
