import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { endSession, startSession } from './session-store.js';
import { findToken } from './token-store.js';

/** The browser session cookie: a random secret whose sha256 is in api_session. */
export const sessionCookie = 'ifo_session';

function page(message: string): string {
  return String(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Sign in — ICS Flow Observatory</title>
          <style>
            body {
              font:
                16px/1.5 system-ui,
                sans-serif;
              max-width: 32rem;
              margin: 4rem auto;
              padding: 0 1rem;
            }
            input {
              width: 100%;
              font: inherit;
              padding: 0.4rem;
            }
            button {
              font: inherit;
              margin-top: 0.75rem;
              padding: 0.4rem 1rem;
            }
          </style>
        </head>
        <body>
          <main>
            <h1>Sign in</h1>
            ${message ? html`<p role="alert">${message}</p>` : ''}
            <form method="post" action="/signin">
              <label for="token">API token</label>
              <input id="token" name="token" type="password" autocomplete="off" required />
              <button type="submit">Sign in</button>
            </form>
            <p>
              Ask an administrator for a token (<code
                >npm run -s token -- create --role analyst</code
              >), or use the sign-in link the service printed when it started.
            </p>
          </main>
        </body>
      </html>`,
  );
}

/** GET/POST /signin and POST /signout. */
export function mountSignIn(app: Hono<AppEnv>, services: AppServices): void {
  const { deps, settings } = services;
  const signIn = async (c: Context<AppEnv>, token: string) => {
    const principal = token ? await findToken(deps.connection, token) : null;
    if (!principal) {
      c.header('Cache-Control', 'no-store');
      return c.html(page('That token is not valid (mistyped, or revoked).'), 401);
    }
    const secret = await startSession(
      deps.connection,
      principal.tokenId,
      deps.now(),
      settings.sessionHours * 3600,
    );
    setCookie(c, sessionCookie, secret, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: settings.secureCookies,
      maxAge: settings.sessionHours * 3600,
    });
    c.header('Cache-Control', 'no-store');
    return c.redirect('/', 303);
  };
  app.get('/signin', async (c) => {
    const token = c.req.query('token');
    if (token !== undefined) return signIn(c, token.slice(0, 200));
    c.header('Cache-Control', 'no-store');
    return c.html(page(''));
  });
  app.post('/signin', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token.trim().slice(0, 200) : '';
    return signIn(c, token);
  });
  app.post('/signout', async (c) => {
    const secret = getCookie(c, sessionCookie);
    if (secret) await endSession(deps.connection, secret, deps.now());
    services.credentials.clear();
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.redirect('/signin', 303);
  });
}
