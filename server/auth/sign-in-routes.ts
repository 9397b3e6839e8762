import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/app-env.js';
import type { AppServices } from '../http/app-services.js';
import { accessFromClaims, claimsLookedAt } from './access-from-claims.js';
import { SignInError } from './openid-sign-in.js';
import { orgScopeFrom } from './org-scope.js';
import {
  endPersonSession,
  personSessionPrefix,
  startPersonSession,
} from './person-session-store.js';
import { endSession, startSession } from './session-store.js';
import { messagePage, noAccessPage, onwardPage, signInPage } from './sign-in-page.js';
import type { ProviderSettings } from './sign-in-settings.js';
import { redeemSignInLink } from './sign-in-link.js';
import { findToken } from './token-store.js';

/** The browser session cookie: a random secret whose sha256 is in api_session or person_session. */
export const sessionCookie = 'ifo_session';
/** Ties a started sign-in to the browser that started it (SameSite=Lax: it returns from the provider). */
const bindingCookie = 'ifo_signin';
const bindingPath = '/signin/oidc';

function describeRule(rule: ProviderSettings['access'][number]): string {
  if (rule.description) return rule.description;
  const what = rule.equals
    ? `${rule.claim} ${rule.equals}`
    : `${rule.claim} with ${Object.entries(rule.match!)
        .map(([k, v]) => `${k} ${v}`)
        .join(' and ')}`;
  const scope =
    rule.ics === 'all'
      ? 'every ICS'
      : rule.ics
        ? `ICS ${rule.ics.join(', ')}`
        : `the ICS of the organisation in ${rule.icsFromOrg}`;
  return `${rule.role}: ${what} (${scope})`;
}

/**
 * GET/POST /signin, the OpenID Connect sign-in (`/signin/oidc/:provider` and its callback) and
 * POST /signout. With providers configured, people sign in only through them; a token then
 * works only as a bearer header.
 */
export function mountSignIn(app: Hono<AppEnv>, services: AppServices): void {
  const { deps, settings, openId } = services;
  const providers = openId.providers;
  const limits = openId.settings;
  const noStore = (c: Context<AppEnv>) => c.header('Cache-Control', 'no-store');
  const base = (c: Context<AppEnv>) => limits.publicUrl ?? new URL(c.req.url).origin;

  const tokenSignIn = async (c: Context<AppEnv>, token: string) => {
    noStore(c);
    if (providers.length > 0) {
      return c.html(
        signInPage({
          providers,
          message:
            'Signing in with a token is off here: sign in with your work account. Tokens work for scripts, as the header Authorization: Bearer <token>.',
        }),
        403,
      );
    }
    // A one-click link starts one session, once; any other token signs in as itself.
    const principal = token
      ? ((await redeemSignInLink(deps.connection, token, deps.now())) ??
        (await findToken(deps.connection, token)))
      : null;
    if (!principal) {
      return c.html(
        signInPage({ providers, message: 'That token is not valid (mistyped, or revoked).' }),
        401,
      );
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
    return c.redirect('/', 303);
  };

  app.get('/signin', async (c) => {
    const token = c.req.query('token');
    if (token !== undefined) return tokenSignIn(c, token.slice(0, 200));
    noStore(c);
    return c.html(signInPage({ providers }));
  });
  app.post('/signin', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token.trim().slice(0, 200) : '';
    return tokenSignIn(c, token);
  });
  app.get('/signin/signed-out', (c) => {
    noStore(c);
    return c.html(signInPage({ providers, message: 'You are signed out.' }));
  });

  const failed = (c: Context<AppEnv>, error: unknown) => {
    if (!(error instanceof SignInError)) throw error;
    deps.log.warn('sign-in refused', { request_id: c.get('requestId'), reason: error.message });
    noStore(c);
    return c.html(messagePage('Sign-in did not complete', error.message), error.status);
  };
  const providerOf = (c: Context<AppEnv>) => openId.provider(c.req.param('provider') ?? '');

  app.get('/signin/oidc/:provider', async (c) => {
    const provider = providerOf(c);
    noStore(c);
    if (!provider) return c.html(messagePage('Sign in', 'There is no such way to sign in.'), 404);
    try {
      const redirectUri = `${base(c)}${bindingPath}/${provider.id}/callback`;
      const { url, binding } = await openId.start(provider, redirectUri);
      setCookie(c, bindingCookie, binding, {
        httpOnly: true,
        sameSite: 'Lax',
        path: bindingPath,
        secure: settings.secureCookies,
        maxAge: 600,
      });
      return c.redirect(url.href, 303);
    } catch (error) {
      return failed(c, error);
    }
  });

  app.get('/signin/oidc/:provider/callback', async (c) => {
    const provider = providerOf(c);
    noStore(c);
    if (!provider) return c.html(messagePage('Sign in', 'There is no such way to sign in.'), 404);
    const binding = getCookie(c, bindingCookie);
    deleteCookie(c, bindingCookie, { path: bindingPath });
    let signedIn;
    try {
      signedIn = await openId.finish(provider, new URL(c.req.url), binding);
    } catch (error) {
      return failed(c, error);
    }
    const { claims } = signedIn;
    const subject = String(claims[provider.claims.subject] ?? claims.sub);
    const nameClaim = claims[provider.claims.name];
    const name = typeof nameClaim === 'string' && nameClaim.trim() ? nameClaim.trim() : null;
    const access = await accessFromClaims(claims, provider.access, orgScopeFrom(deps.connection));
    if (access.role === null) {
      deps.log.warn('sign-in without access', { provider: provider.id, subject });
      return c.html(
        noAccessPage({
          provider: provider.label,
          name,
          subject,
          needed: provider.access.map(describeRule),
          held: claimsLookedAt(claims, provider.access),
          contact: limits.contact,
        }),
        403,
      );
    }
    const secret = await startPersonSession(
      deps.connection,
      {
        provider: provider.id,
        subject,
        displayName: name,
        role: access.role,
        scope: access.scope,
        idToken: signedIn.idToken,
      },
      deps.now(),
      limits,
    );
    deps.log.info('signed in', {
      provider: provider.id,
      subject,
      role: access.role,
      ics: access.scope?.join(',') ?? '*',
    });
    setCookie(c, sessionCookie, secret, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: settings.secureCookies,
      maxAge: Math.round(limits.absoluteHours * 3600),
    });
    return c.html(onwardPage('Signed in', '/', 'Continue to the observatory'));
  });

  app.post('/signout', async (c) => {
    const secret = getCookie(c, sessionCookie);
    services.credentials.clear();
    deleteCookie(c, sessionCookie, { path: '/' });
    noStore(c);
    if (secret?.startsWith(personSessionPrefix)) {
      const ended = await endPersonSession(deps.connection, secret, deps.now());
      const provider = ended ? openId.provider(ended.provider) : undefined;
      if (provider && ended) {
        const url = await openId.endSessionUrl(
          provider,
          ended.idToken,
          `${base(c)}/signin/signed-out`,
        );
        if (url)
          return c.html(
            onwardPage('Signing out', url.href, `Finish signing out at ${provider.label}`),
          );
      }
      return c.redirect('/signin/signed-out', 303);
    }
    if (secret) await endSession(deps.connection, secret, deps.now());
    return c.redirect('/signin', 303);
  });
}
