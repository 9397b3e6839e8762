import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { ClientError } from '../validation/client-error.js';
import { findPersonSession, personSessionPrefix } from './person-session-store.js';
import { findSession } from './session-store.js';
import { sessionCookie } from './sign-in-routes.js';
import { findToken } from './token-store.js';

/**
 * Sets the request's principal from `Authorization: Bearer <token>` or the session cookie.
 * A bearer header that does not hold a live token is refused (401), never ignored.
 */
export function authenticate(services: AppServices): MiddlewareHandler<AppEnv> {
  const { deps, credentials } = services;
  return async (c, next) => {
    const header = c.req.header('authorization');
    let principal = null;
    c.set('recheck', () => Promise.resolve(null));
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
      if (!match)
        throw new ClientError(401, 'the Authorization header must be "Bearer <token>"', {
          'WWW-Authenticate': 'Bearer realm="observatory"',
        });
      const secret = match[1]!;
      principal = await credentials.resolve('t' + secret, () => findToken(deps.connection, secret));
      c.set('recheck', () => findToken(deps.connection, secret));
      if (!principal) {
        throw new ClientError(401, 'that bearer token is not valid (mistyped, or revoked)', {
          'WWW-Authenticate': 'Bearer realm="observatory", error="invalid_token"',
        });
      }
    } else {
      const secret = getCookie(c, sessionCookie);
      if (secret && secret.length <= 200) {
        const now = deps.now();
        principal = await credentials.resolve('s' + secret, () =>
          secret.startsWith(personSessionPrefix)
            ? findPersonSession(deps.connection, secret, now, services.openId.settings)
            : findSession(deps.connection, secret, now),
        );
        if (principal?.expiresAt && principal.expiresAt <= now) principal = null;
        const lookup = () =>
          secret.startsWith(personSessionPrefix)
            ? findPersonSession(deps.connection, secret, deps.now(), services.openId.settings)
            : findSession(deps.connection, secret, deps.now());
        c.set('recheck', async () => {
          const still = await lookup();
          return still?.expiresAt && still.expiresAt <= deps.now() ? null : still;
        });
      }
    }
    c.set('principal', principal);
    await next();
  };
}
