import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { disclosureHeader, disclosureStatement } from '../../pipelines/read/index.js';
import { readerFor } from './reader-for.js';
import { openApiRoute } from '../openapi/openapi-document.js';
import { ClientError } from '../validation/client-error.js';
import { checkBody, refuseUnknownQuery, validationHook } from '../validation/params.js';
import type { AppEnv } from './app-env.js';
import type { AppServices } from './app-services.js';
import { contentTypes, negotiateFormat } from './negotiate-format.js';
import type { Format, RouteSpec } from './route-spec.js';
import { serialisePayload } from './serialise-payload.js';

/** Headers of every cached route's answer. */
const cachedHeaders = {
  'Cache-Control': 'private, max-age=0, must-revalidate',
  Vary: 'Accept, Authorization, Cookie',
};

/** Refuses a caller without the route's role: 401 signed out, 403 for the wrong role. */
export function requireRole(c: Context<AppEnv>, roles: RouteSpec['roles']): void {
  if (roles === 'anyone') return;
  const principal = c.get('principal');
  if (!principal) {
    throw new ClientError(
      401,
      'sign in at /signin, or send the header Authorization: Bearer <token>',
      {
        'WWW-Authenticate': 'Bearer realm="observatory"',
      },
    );
  }
  if (!roles.includes(principal.role)) {
    throw new ClientError(
      403,
      `this route needs the role ${roles.join(' or ')}; your token has the role ${principal.role}`,
    );
  }
}

/**
 * A request body must have the type the route declares (JSON for every write that takes one,
 * application/octet-stream for a pushed batch); a route that declares none takes no body. A
 * cross-site form can send neither JSON nor an octet stream without the browser asking first.
 */
export function requireBodyType(
  c: Context<AppEnv>,
  spec: Pick<RouteSpec, 'requestBody' | 'method'>,
) {
  if (spec.method === 'GET') return;
  const length = c.req.header('content-length');
  const hasBody =
    (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  if (!hasBody) return;
  const wanted = spec.requestBody?.contentType;
  const given = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!wanted)
    throw new ClientError(415, 'this route takes no request body; send none', {
      Connection: 'close',
    });
  if (given !== wanted && !spec.requestBody?.alsoAccepted?.includes(given))
    throw new ClientError(
      415,
      `the body must be sent as Content-Type: ${wanted}; got ${JSON.stringify(given.slice(0, 60) || 'none')}`,
      { Connection: 'close' },
    );
}

/** A JSON body as the route's schema has it; `undefined` for a route that takes none. */
async function jsonBodyOf(c: Context<AppEnv>, spec: RouteSpec): Promise<unknown> {
  if (spec.requestBody?.contentType !== 'application/json') return undefined;
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ClientError(400, `the body must be JSON, such as ${spec.requestBody.description}`);
    }
  }
  return spec.body ? checkBody(spec.body, value) : value;
}

function queryOf(c: Context<AppEnv>): Record<string, string[]> {
  return c.req.queries() ?? {};
}

/** The response cache's key: data version, path, query, the caller's role and scope, format. */
function cacheKey(
  versionKey: string,
  c: Context<AppEnv>,
  query: Record<string, string[]>,
  format: Format,
): string {
  const principal = c.get('principal');
  return [
    versionKey,
    c.req.path,
    Object.entries(query)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v.join('\u0000')}`)
      .join('&'),
    principal?.role ?? '-',
    principal?.scope?.join(',') ?? '*',
    format,
  ].join('\u0001');
}

function matches(c: Context<AppEnv>, etag: string): boolean {
  const match = c.req.header('if-none-match');
  return !!match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function negotiated(
  c: Context<AppEnv>,
  query: Record<string, string[]>,
  spec: RouteSpec,
): Format | undefined {
  try {
    return negotiateFormat(query.format?.[0], c.req.header('accept'), spec.formats);
  } catch {
    return undefined;
  }
}

/**
 * Mounts one route with its OpenAPI schemas. Before validation: role and scope checks, the
 * body type, unknown or repeated parameters, then (for cached GETs) the serialised bytes from
 * the cache keyed by request, caller's role and scope, format and data version — a key only a
 * request that passed validation before can have stored, so a hit sends those bytes at once.
 * Then the schemas validate path and query (400 naming the parameter), and the handler runs
 * with typed values: format negotiation, ETag / 304, the route's handler and a store.
 */
export function registerRoute(
  app: OpenAPIHono<AppEnv>,
  spec: RouteSpec,
  services: AppServices,
): void {
  const cacheable = spec.cached && spec.method === 'GET';
  const known = [...Object.keys(spec.query ?? {}), 'format'];
  const before: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('auditRoute', spec.path);
    requireRole(c, spec.roles);
    if (spec.unscopedOnly && c.get('principal')?.scope)
      throw new ClientError(
        403,
        `${spec.method} ${spec.path} acts on every ICS; it needs a token without an ICS scope`,
      );
    requireBodyType(c, spec);
    const query = queryOf(c);
    const auditParams: Record<string, unknown> = { ...c.req.param() };
    for (const name in query) auditParams[name] = query[name]![0];
    c.set('auditParams', auditParams);
    refuseUnknownQuery(known, query);
    if (!cacheable) return next();
    const version = await services.dataVersion.current();
    const format = negotiated(c, query, spec);
    if (!format) return next();
    const hit = services.cache.get(cacheKey(version.key, c, query, format));
    if (!hit) return next();
    c.set('rows', hit.rows);
    if (hit.etag && matches(c, hit.etag)) {
      c.set('rows', 0);
      return c.body(null, 304, { ETag: hit.etag, ...cachedHeaders });
    }
    const base = c.get('apiHeaders');
    if (!base) return c.body(hit.body as string, 200, hit.responseHeaders ?? {});
    // Everything the response carries in one plain object: no header is set on it later.
    c.set('sealed', true);
    return new Response(hit.body as string, {
      status: 200,
      headers: { ...base, ...hit.responseHeaders, 'X-Request-Id': c.get('requestId') },
    });
  };
  const handler = async (c: Context<AppEnv>) => {
    const query = queryOf(c);
    const valid = c.req as unknown as { valid(target: 'query' | 'param'): Record<string, unknown> };
    // `format` was checked with the query; the handler's parameters are the route's own.
    const asked = { ...valid.valid('query') };
    delete asked.format;
    const params = spec.pathParams ? { ...valid.valid('param'), ...asked } : asked;
    const format = negotiateFormat(query.format?.[0], c.req.header('accept'), spec.formats);
    const version = await services.dataVersion.current();
    const principal = c.get('principal');
    const rule = services.disclosureRule;
    const disclosure = principal && rule.roles.includes(principal.role) ? rule : null;
    let key: string | undefined;
    let etag: string | undefined;
    if (cacheable) {
      key = cacheKey(version.key, c, query, format);
      etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 32)}"`;
      c.header('ETag', etag);
      for (const [name, value] of Object.entries(cachedHeaders)) c.header(name, value);
      if (matches(c, etag)) {
        c.set('rows', 0);
        return c.body(null, 304);
      }
    } else {
      c.header('Cache-Control', 'no-store');
    }
    const requestBody = await jsonBodyOf(c, spec);
    const deps = services.requestDeps();
    const payload = await spec.handle({
      deps,
      principal,
      params,
      body: requestBody,
      disclosure,
      reader: principal ? readerFor(services, deps, principal) : null,
      c,
    });
    const stated = payload.disclosed && disclosure ? disclosure : null;
    const { body: text, rows } = serialisePayload(
      payload,
      format,
      version.version,
      stated ? disclosureStatement(stated) : null,
    );
    // Encoded once: a cache hit sends these bytes as they are.
    const body = typeof text === 'string' ? Buffer.from(text) : text;
    const headers: Record<string, string> = { ...payload.headers };
    if (stated) headers['X-Disclosure-Control'] = disclosureHeader(stated);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    c.set('rows', rows);
    if (cacheable && !payload.noStore && (payload.status ?? 200) === 200) {
      services.cache.set(key!, {
        body,
        contentType: contentTypes[format],
        rows,
        headers,
        etag,
        responseHeaders: {
          ...headers,
          ETag: etag!,
          ...cachedHeaders,
          'Content-Type': contentTypes[format],
        },
      });
    }
    c.header('Content-Type', contentTypes[format]);
    return c.body(body as unknown as string, payload.status ?? 200);
  };
  // Documented with its body schema; mounted without it: the handler reads the body itself
  // (an empty body is `{}`, a problem is named in one line).
  const documented = openApiRoute(spec);
  app.openAPIRegistry.registerPath(documented);
  const request = { ...documented.request };
  delete request.body;
  const route = { ...documented, request, middleware: [before], hide: true };
  const hook = validationHook({ query: spec.query, path: spec.pathParams });
  app.openapi(route, handler as never, hook as never);
}
