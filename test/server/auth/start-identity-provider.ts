import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The people the test identity provider knows, with their claims. */
export const accounts: Record<string, Record<string, unknown>> = {
  // CIS2-style: an operations-centre role (R8001) at a trust of the QOP ICS.
  'ops.qop': {
    name: 'Olu Adeyemi',
    nhsid_nrbac_roles: [
      {
        person_roleid: '555021935107',
        org_code: 'R0A',
        role_name: '"Admin & Clerical":"Management - A & C":"Operations Centre Lead"',
        role_code: 'S8000:G8000:R8001',
      },
    ],
    groups: [],
  },
  // Entra-style: a member of the analysts group for QWE.
  'analyst.qwe': {
    name: 'Ada Lovelace',
    nhsid_nrbac_roles: [],
    groups: ['6f1c2b0e-analysts-qwe'],
  },
  // Holds a role the observatory does not map.
  'porter.qop': {
    name: 'Pat Porter',
    nhsid_nrbac_roles: [{ person_roleid: '1', org_code: 'R0A', role_code: 'S0010:G0020:R0260' }],
    groups: ['someone-elses-group'],
  },
};

export const clientId = 'observatory';
export const clientSecret = 'observatory-test-secret';

/** The observatory's `settings.auth` for the test provider. */
export const authSettings = (issuer: string) => ({
  contact: 'the ICS service desk (servicedesk@example.nhs.uk)',
  idleMinutes: 30,
  absoluteHours: 2,
  providers: [
    {
      id: 'test-idp',
      label: 'Test NHS Identity',
      issuer,
      clientId,
      clientSecretEnv: 'TEST_IDP_SECRET',
      scopes: ['openid', 'profile', 'nationalrbacaccess', 'groups'],
      access: [
        {
          claim: 'nhsid_nrbac_roles',
          match: { role_code: 'R8001' },
          role: 'operations',
          icsFromOrg: 'org_code',
          description: 'Operations: the national RBAC role R8001 at a trust of the ICS',
        },
        { claim: 'groups', equals: '6f1c2b0e-analysts-qwe', role: 'analyst', ics: ['QWE'] },
      ],
    },
  ],
});

export interface IdentityProvider {
  issuer: string;
  /** Registers where the observatory is reached (its redirect and post-logout URIs). */
  register(observatoryUrl: string): void;
  /** When set, changes the ID token the token endpoint hands out. */
  rewriteIdToken: ((idToken: string) => string) | undefined;
  /** Signs a JWT with the provider's own key (for tokens that are valid but wrong). */
  signWithProviderKey(payload: Record<string, unknown>): string;
  close(): Promise<void>;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, port 0, for the observatory's
 * client to sign in against: discovery, JWKS, its own login page (any password), consent given
 * by default, UserInfo and RP-initiated logout.
 */
export async function startIdentityProvider(): Promise<IdentityProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: IdentityProvider = {
    issuer,
    rewriteIdToken: undefined,
    register(observatoryUrl) {
      const provider = configure(issuer, jwk, observatoryUrl, () => state.rewriteIdToken);
      handler = provider.callback();
    },
    signWithProviderKey: (payload) => signJwt(privateKey, payload),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return state;
}

function signJwt(key: KeyObject, payload: Record<string, unknown>): string {
  const input = `${b64(JSON.stringify({ alg: 'RS256', kid: 'test-key', typ: 'JWT' }))}.${b64(JSON.stringify(payload))}`;
  return `${input}.${b64(sign('sha256', Buffer.from(input), key))}`;
}

function configure(
  issuer: string,
  jwk: Record<string, unknown>,
  observatoryUrl: string,
  rewrite: () => ((idToken: string) => string) | undefined,
): Provider {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${observatoryUrl}/signin/oidc/test-idp/callback`],
        post_logout_redirect_uris: [`${observatoryUrl}/signin/signed-out`],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['test-only-cookie-key'] },
    pkce: { required: () => true, methods: ['S256'] },
    scopes: ['openid', 'profile', 'nationalrbacaccess', 'groups'],
    claims: {
      openid: ['sub'],
      profile: ['name'],
      nationalrbacaccess: ['nhsid_nrbac_roles'],
      groups: ['groups'],
    },
    conformIdTokenClaims: false,
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.body = `<!doctype html><title>Sign out</title><h1>Sign out of the test provider?</h1>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`;
        },
      },
    },
    async findAccount(_ctx, id) {
      const claims = accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    // Consent is taken as given for the observatory (a first-party client).
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid profile nationalrbacaccess groups');
      grant.addOIDCClaims(['name', 'nhsid_nrbac_roles', 'groups']);
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const change = rewrite();
    const body = ctx.body as { id_token?: string } | undefined;
    if (change && ctx.path === '/token' && body?.id_token) {
      ctx.body = { ...body, id_token: change(body.id_token) };
    }
  });
  return provider;
}
