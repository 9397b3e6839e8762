import { contractColumns, type ContractName } from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';
import { arrowMediaType } from '../http/negotiate-format.js';
import type { ParamSpec } from '../validation/param-spec.js';

function schemaOf(spec: ParamSpec): Record<string, unknown> {
  switch (spec.type) {
    case 'enum':
      return {
        type: 'string',
        enum: [...spec.values],
        ...(spec.default ? { default: spec.default } : {}),
      };
    case 'code':
      return { type: 'string', pattern: '^[A-Z0-9]{1,12}$', examples: [spec.example ?? 'QOP'] };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'month':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}$' };
    case 'integer':
      return {
        type: 'integer',
        minimum: spec.min,
        maximum: spec.max,
        ...(spec.default !== undefined ? { default: spec.default } : {}),
      };
    case 'text':
      return {
        type: 'string',
        pattern: spec.pattern.source,
        maxLength: spec.maxLength,
        description: spec.hint,
      };
  }
}

function rowSchema(contract: ContractName): Record<string, unknown> {
  return {
    type: 'object',
    description: `one row; see the ${contract} interface in server/contracts.ts`,
    properties: Object.fromEntries(contractColumns[contract].map((column) => [column, {}])),
    required: [...contractColumns[contract]],
  };
}

const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'what was wrong, in words a person can act on' },
    request_id: { type: 'string' },
  },
  required: ['error'],
};

/** The OpenAPI 3.1 document of every route, built from the same specs the app mounts. */
export function openApiDocument(
  specs: readonly RouteSpec[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const formatParam =
      spec.formats.length > 1
        ? [
            {
              name: 'format',
              in: 'query',
              description: 'response format (or use the Accept header)',
              schema: { type: 'string', enum: [...spec.formats] },
            },
          ]
        : [];
    const content: Record<string, unknown> = {};
    const schema = spec.contract
      ? {
          type: 'object',
          properties: {
            data_version: { type: 'integer' },
            disclosure: { description: 'the disclosure rule applied, or null' },
            rows: { type: 'array', items: { $ref: `#/components/schemas/${spec.contract}` } },
            ...(spec.paged
              ? {
                  next: {
                    type: ['string', 'null'],
                    description:
                      'path and query of the next page (the same request with its cursor), or null on the last',
                  },
                }
              : {}),
          },
        }
      : { type: 'object' };
    content['application/json'] = { schema };
    if (spec.formats.includes('csv')) content['text/csv'] = { schema: { type: 'string' } };
    if (spec.formats.includes('arrow'))
      content[arrowMediaType] = { schema: { type: 'string', format: 'binary' } };
    const errors = Object.fromEntries(
      [
        ['400', 'a parameter is missing or invalid'],
        ['401', 'not signed in'],
        ['403', 'the token’s role may not use this route'],
        ['404', 'no such thing that you can see'],
        ['429', 'too many requests; see Retry-After'],
      ].map(([code, description]) => [
        code,
        {
          description,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } },
        },
      ]),
    );
    paths[path] = {
      ...paths[path],
      [spec.method.toLowerCase()]: {
        tags: [spec.tag],
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        ...(spec.roles === 'anyone' ? { security: [] } : { 'x-roles': [...spec.roles] }),
        ...(spec.unscopedOnly ? { 'x-unscoped-only': true } : {}),
        parameters: [
          ...spec.params.map((param) => ({
            name: param.name,
            in: param.in,
            required: param.in === 'path' || Boolean(param.required),
            description: param.description,
            schema: schemaOf(param),
          })),
          ...formatParam,
        ],
        ...(spec.requestBody
          ? {
              requestBody: {
                required: true,
                description: spec.requestBody.description,
                content: { [spec.requestBody.contentType]: {} },
              },
            }
          : {}),
        responses: {
          [spec.method === 'POST' && spec.requestBody ? '201' : '200']: {
            description: 'success',
            ...(spec.cached || spec.paged
              ? {
                  headers: {
                    ...(spec.cached ? { ETag: { schema: { type: 'string' } } } : {}),
                    ...(spec.paged
                      ? {
                          Link: {
                            description:
                              '`<path?…&cursor=…>; rel="next"` while more pages follow (every format)',
                            schema: { type: 'string' },
                          },
                        }
                      : {}),
                  },
                }
              : {}),
            content,
          },
          ...(spec.cached
            ? { '304': { description: 'not modified (If-None-Match matched the data version)' } }
            : {}),
          ...errors,
        },
      },
    };
  }
  return {
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
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'a token from `npm run -s token -- create --role R`',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ifo_session',
          description: 'set by POST /signin',
        },
      },
      schemas: {
        error: errorSchema,
        ...Object.fromEntries(
          (Object.keys(contractColumns) as ContractName[]).map((name) => [name, rowSchema(name)]),
        ),
      },
    },
    paths,
  };
}
