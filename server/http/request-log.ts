import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import type { AppServices } from './app-services.js';

/** API paths that are not audited: probes and the API's own documentation. */
const notAudited = new Set(['/api/health', '/api/ready', '/api/openapi.json', '/api/docs']);

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a plain token of up to 64
 * characters, else a new UUID) and returns it; after the answer, logs one line per request
 * and records an audit entry for each `/api/` request but the probes and refused floods (429).
 */
export function requestLog(services: AppServices): MiddlewareHandler<AppEnv> {
  const { deps } = services;
  return async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.set('principal', null);
    c.set('auditRoute', undefined);
    const started = performance.now();
    await next();
    // On the response's own headers: c.header() after the response exists rebuilds it as a
    // stream, which costs more than the rest of a cached request.
    if (!c.get('sealed')) c.res.headers.set('X-Request-Id', requestId);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    const principal = c.get('principal');
    deps.log.info('request', {
      request_id: requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
      token_id: principal?.tokenId ?? null,
      role: principal?.role ?? null,
    });
    if (c.req.path.startsWith('/api/') && !notAudited.has(c.req.path) && c.res.status !== 429) {
      services.audit.record({
        requestedAt: deps.now(),
        requestId,
        tokenId: principal?.tokenId ?? null,
        role: principal?.role ?? null,
        person: principal?.person ?? null,
        method: c.req.method,
        route: c.get('auditRoute') ?? c.req.path.slice(0, 200),
        params: c.get('auditParams') ?? {},
        rows: c.get('rows') ?? null,
        status: c.res.status,
        ms,
      });
    }
  };
}
