import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthSettings, ProviderSettings } from './sign-in-settings.js';

/** A sign-in that cannot complete, with the reason in words for the person. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 502 = 400,
  ) {
    super(message);
  }
}

/** What a completed sign-in hands back: the validated claims and the raw ID token. */
export interface SignedIn {
  provider: ProviderSettings;
  claims: Record<string, unknown>;
  idToken: string | undefined;
}

interface Pending {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  binding: string;
  at: number;
}

const pendingLimitMs = 10 * 60_000;
const pendingMax = 10_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * OpenID Connect sign-in with `openid-client`: discovery from each configured issuer (on first
 * use, retried after a failure), Authorization Code with PKCE (S256), `state` and `nonce`, the
 * ID token's signature checked against the provider's JWKS and its times with a bounded clock
 * tolerance. A started sign-in is kept here for 10 minutes and can be completed once, only by
 * the browser that started it (the `binding` secret in its cookie).
 */
export class OpenIdSignIn {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly settings: AuthSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  get providers(): readonly ProviderSettings[] {
    return this.settings.providers;
  }

  provider(id: string): ProviderSettings | undefined {
    return this.settings.providers.find((p) => p.id === id);
  }

  private configuration(provider: ProviderSettings): Promise<oidc.Configuration> {
    let found = this.configurations.get(provider.id);
    if (!found) {
      const metadata: Partial<oidc.ClientMetadata> = {
        [oidc.clockTolerance]: this.settings.clockToleranceSeconds,
      };
      if (provider.clientSecret) metadata.client_secret = provider.clientSecret;
      found = oidc
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          metadata,
          provider.clientSecret ? undefined : oidc.None(),
          {
            timeout: 10,
            execute: [
              ...(new URL(provider.issuer).protocol === 'http:'
                ? [oidc.allowInsecureRequests]
                : []),
              oidc.enableNonRepudiationChecks,
            ],
          },
        )
        .catch((error: unknown) => {
          this.configurations.delete(provider.id);
          throw new SignInError(
            `${provider.label} could not be reached to sign in (${(error as Error).message}); try again in a minute`,
            502,
          );
        });
      this.configurations.set(provider.id, found);
    }
    return found;
  }

  /** The provider's authorisation URL, and the secret the browser must bring back. */
  async start(
    provider: ProviderSettings,
    redirectUri: string,
  ): Promise<{ url: URL; binding: string }> {
    const config = await this.configuration(provider);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const binding = randomBytes(32).toString('base64url');
    this.forgetOld();
    this.pending.set(state, {
      provider: provider.id,
      state,
      nonce,
      verifier,
      redirectUri,
      binding: sha256(binding).toString('hex'),
      at: this.clock(),
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(' '),
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, binding };
  }

  /**
   * Completes a sign-in from the provider's redirect: the `state` must be one this service
   * issued, not yet used, for this provider and this browser; then the code is exchanged and
   * the ID token validated (signature, issuer, audience, times, nonce).
   */
  async finish(
    provider: ProviderSettings,
    currentUrl: URL,
    binding: string | undefined,
  ): Promise<SignedIn> {
    const state = currentUrl.searchParams.get('state') ?? '';
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (!pending || this.clock() - pending.at > pendingLimitMs || pending.provider !== provider.id)
      throw new SignInError(
        'this sign-in has already been used, has expired or was not started here; please start again',
      );
    const expected = Buffer.from(pending.binding, 'hex');
    if (!binding || !timingSafeEqual(sha256(binding), expected))
      throw new SignInError('this sign-in was started in another browser; please start again here');
    const config = await this.configuration(provider);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        new URL(`${pending.redirectUri}${currentUrl.search}`),
        {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
      );
    } catch (error) {
      throw new SignInError(`${provider.label} did not sign you in: ${reason(error)}`);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new SignInError(`${provider.label} returned no ID token`);
    const claims: Record<string, unknown> = { ...idClaims };
    if (provider.userInfo && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        for (const [name, value] of Object.entries(info))
          if (!(name in claims)) claims[name] = value;
      } catch (error) {
        throw new SignInError(
          `${provider.label} would not give your details: ${reason(error)}`,
          502,
        );
      }
    }
    return { provider, claims, idToken: tokens.id_token };
  }

  /** Where to send the browser to sign out at the provider too, when it offers that. */
  async endSessionUrl(
    provider: ProviderSettings,
    idToken: string | null,
    postLogoutRedirectUri: string,
  ): Promise<URL | null> {
    const config = await this.configuration(provider).catch(() => null);
    if (!config?.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = {
      post_logout_redirect_uri: postLogoutRedirectUri,
      client_id: provider.clientId,
    };
    if (idToken) parameters.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(config, parameters);
  }

  private forgetOld(): void {
    const now = this.clock();
    for (const [state, entry] of this.pending) {
      if (now - entry.at <= pendingLimitMs && this.pending.size < pendingMax) break;
      this.pending.delete(state);
    }
  }
}

function reason(error: unknown): string {
  if (error instanceof oidc.AuthorizationResponseError)
    return error.error_description ?? error.error;
  if (error instanceof oidc.ResponseBodyError) return error.error_description ?? error.error;
  const first = (error as Error).message;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message !== first ? `${first}: ${cause.message}` : first;
}
