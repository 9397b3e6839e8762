import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { disclosureHeader, disclosureStatement } from '../disclosure/disclosure-rule.js';
import { ClientError, parseParams } from '../validation/param-spec.js';
import type { AppEnv } from './app-env.js';
import type { AppServices } from './app-services.js';
import { contentTypes, negotiateFormat } from './negotiate-format.js';
import type { RouteSpec } from './route-spec.js';
import { serialisePayload } from './serialise-payload.js';

const dataCacheControl = 'private, max-age=0, must-revalidate';

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

function queryOf(c: Context<AppEnv>): Record<string, string[]> {
  return c.req.queries() ?? {};
}

/**
 * Mounts one route: role check, parameter validation, format negotiation, then (for cached
 * GETs) ETag / 304 and the serialised-bytes cache keyed by request and data version.
 */
export function registerRoute(app: Hono<AppEnv>, spec: RouteSpec, services: AppServices): void {
  const handler = async (c: Context<AppEnv>) => {
    c.set('auditRoute', spec.path);
    requireRole(c, spec.roles);
    const query = queryOf(c);
    const params = parseParams(spec.params, query, c.req.param() as Record<string, string>);
    c.set('auditParams', {
      ...c.req.param(),
      ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v[0]])),
    });
    const format = negotiateFormat(query.format?.[0], c.req.header('accept'), spec.formats);
    const principal = c.get('principal');
    const rule = services.disclosureRule;
    const disclosure = principal && rule.roles.includes(principal.role) ? rule : null;
    const version = await services.dataVersion.current();
    const cacheable = spec.cached && spec.method === 'GET';
    const key = [
      version.key,
      c.req.path,
      Object.entries(query)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => `${k}=${v.join('\u0000')}`)
        .join('&'),
      principal?.role ?? '-',
      principal?.scope?.join(',') ?? '*',
      format,
    ].join('\u0001');
    const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 32)}"`;
    if (cacheable) {
      c.header('ETag', etag);
      c.header('Cache-Control', dataCacheControl);
      c.header('Vary', 'Accept, Authorization, Cookie');
      const match = c.req.header('if-none-match');
      if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        c.set('rows', 0);
        return c.body(null, 304);
      }
      const hit = services.cache.get(key);
      if (hit) {
        c.set('rows', hit.rows);
        for (const [name, value] of Object.entries(hit.headers)) c.header(name, value);
        c.header('Content-Type', hit.contentType);
        return c.body(hit.body as string, 200);
      }
    } else {
      c.header('Cache-Control', 'no-store');
    }
    const payload = await spec.handle({
      deps: services.requestDeps(),
      principal,
      params,
      disclosure,
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
    const headers: Record<string, string> = {};
    if (stated) headers['X-Disclosure-Control'] = disclosureHeader(stated);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    c.set('rows', rows);
    if (cacheable && !payload.noStore) {
      services.cache.set(key, { body, contentType: contentTypes[format], rows, headers });
    }
    c.header('Content-Type', contentTypes[format]);
    return c.body(body as unknown as string, payload.status ?? 200);
  };
  app.on(spec.method, spec.path, handler);
}
