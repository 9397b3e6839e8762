import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ClientError } from '../validation/client-error.js';
import type { AppEnv } from './app-env.js';
import type { AppServices } from './app-services.js';
import { RateLimiter } from './rate-limiter.js';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The client's address for rate limits: the socket's peer, or (only with `trustProxy`, behind
 * a proxy that sets the header) the last X-Forwarded-For entry. Never a header the client
 * chose. Requests without a socket (in-process tests) share one key.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process';
  }
}

/**
 * Refuses a state-changing request (any method but GET, HEAD, OPTIONS) that a browser sent
 * from another site: an Origin other than the service's own, or Sec-Fetch-Site other than
 * same-origin. A browser session (cookie) must show one of the two; a bearer token, which a
 * browser never attaches by itself, may come from a script with neither.
 */
export function sameOriginWrites(services: AppServices): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const own = new Set([new URL(c.req.url).origin]);
    const publicUrl = services.openId.settings.publicUrl;
    if (publicUrl) own.add(new URL(publicUrl).origin);
    // Under the pages' Referrer-Policy: no-referrer, a browser sends a form POST's Origin as
    // "null"; Sec-Fetch-Site then says where it came from.
    const given = c.req.header('origin');
    const origin = given === 'null' ? undefined : given;
    const site = c.req.header('sec-fetch-site');
    const refuse = (why: string) => {
      throw new ClientError(403, `cross-site request refused: ${why}`, { Connection: 'close' });
    };
    if (origin !== undefined && !own.has(origin))
      refuse(`Origin ${origin.slice(0, 100)} is not this service`);
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      refuse(`Sec-Fetch-Site is ${site.slice(0, 20)}`);
    if (c.get('principal')?.via === 'session' && origin === undefined && site === undefined)
      refuse('a signed-in browser request must carry Origin or Sec-Fetch-Site');
    await next();
  };
}

/**
 * A write to /api/* by nobody signed in is refused before its body is read (and the
 * connection closed, so the body is not drained either).
 */
export function authenticateBeforeBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!safeMethods.has(c.req.method) && !c.get('principal'))
      throw new ClientError(
        401,
        'sign in at /signin, or send the header Authorization: Bearer <token>',
        { 'WWW-Authenticate': 'Bearer realm="observatory"', Connection: 'close' },
      );
    await next();
  };
}

/** Failed sign-in attempts limited per client address, and the form bounded to `maxBytes`. */
export function signInGuards(services: AppServices, maxBytes = 4096): MiddlewareHandler<AppEnv>[] {
  const limiter = new RateLimiter(services.settings.signInRateLimit);
  // Failed attempts are counted (guessing is what is limited); an address that has used its
  // allowance is refused until it refills, whatever it sends.
  const limit: MiddlewareHandler<AppEnv> = async (c, next) => {
    const attempt = c.req.method === 'POST' || c.req.query('token') !== undefined;
    if (!attempt) return next();
    const address = clientAddress(c, services.settings.trustProxy);
    const wait = limiter.waitFor(address);
    if (wait > 0)
      throw new ClientError(429, `too many failed sign-in attempts; try again in ${wait} s`, {
        'Retry-After': String(wait),
      });
    await next();
    if (c.res.status === 401) limiter.take(address);
  };
  const bounded = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ClientError(413, `the sign-in form is larger than ${maxBytes} bytes`, {
        Connection: 'close',
      });
    },
  });
  return [limit, async (c, next) => (c.req.method === 'POST' ? bounded(c, next) : next())];
}

/**
 * Requests limited per caller: per token for a signed-in caller, per client address for
 * anyone else (settings.api.rateLimit); a caller over the limit gets 429 with Retry-After.
 */
export function rateLimit(services: AppServices): MiddlewareHandler<AppEnv> {
  const limiter = new RateLimiter(services.settings.rateLimit);
  return async (c, next) => {
    const principal = c.get('principal');
    const key = principal
      ? `t:${principal.tokenId}`
      : `a:${clientAddress(c, services.settings.trustProxy)}`;
    const wait = limiter.take(key);
    if (wait > 0)
      throw new ClientError(429, `too many requests; try again in ${wait} s`, {
        'Retry-After': String(wait),
      });
    await next();
  };
}
