import { createToken, listTokens, newTokenSchema, revokeToken } from '../auth/token-store.js';
import type { AppServices } from '../http/app-services.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { offsetParam, param, withDefault } from '../validation/params.js';
import { queryTable, auditQuery } from '../../pipelines/read/index.js';
import { ClientError } from '../validation/client-error.js';

export function adminRoutes(services: AppServices): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/audit',
      tag: 'admin',
      summary:
        'The audit log: your own requests, or (admin) everyone’s, newest first; a person signed in through a provider is named by provider, subject and display name',
      roles: ['admin', 'operations', 'analyst'],
      query: {
        limit: withDefault(param.integer('rows', 1, 10000), 200),
        offset: offsetParam,
      },
      formats: ['json', 'csv', 'arrow'],
      contract: 'audit',
      cached: false,
      async handle({ deps, principal, params }) {
        await services.audit.flush();
        // Everyone's requests name every ICS: only an unscoped administrator reads them all.
        const tokenId =
          principal!.role === 'admin' && principal!.scope === null ? null : principal!.tokenId;
        return {
          table: await queryTable(
            deps.connection,
            'audit',
            auditQuery(tokenId, params.limit, params.offset),
          ),
        };
      },
    }),
    {
      method: 'GET',
      path: '/api/tokens',
      tag: 'admin',
      summary: 'Every API token (id, role, scope, label; never the secret)',
      roles: ['admin'],
      unscopedOnly: true,
      formats: ['json'],
      cached: false,
      async handle({ deps }) {
        return { body: { tokens: await listTokens(deps.connection) } };
      },
    },
    defineRoute({
      method: 'POST',
      path: '/api/tokens',
      tag: 'admin',
      summary: 'Create a token; the secret is in the response once and stored only hashed',
      roles: ['admin'],
      unscopedOnly: true,
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/json',
        description: '{"role": "analyst", "ics": ["QOP"], "label": "…"}',
      },
      body: newTokenSchema,
      async handle({ deps, body }) {
        const created = await createToken(deps.connection, body, deps.now());
        return { body: { token_id: created.tokenId, token: created.token }, status: 201 };
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/api/tokens/:tokenId',
      tag: 'admin',
      summary: 'Revoke a token (its browser sessions end with it)',
      roles: ['admin'],
      unscopedOnly: true,
      pathParams: {
        tokenId: param.text('the token id shown by GET /api/tokens', {
          pattern: /^tok_[0-9a-f]{10}$/,
          maxLength: 14,
          hint: 'a token id like tok_0123456789',
        }),
      },
      formats: ['json'],
      cached: false,
      async handle({ deps, params }) {
        const revoked = await revokeToken(deps.connection, params.tokenId, deps.now());
        if (!revoked) throw new ClientError(404, `no live token ${params.tokenId}`);
        services.credentials.clear();
        return { body: { token_id: params.tokenId, revoked: true } };
      },
    }),
  ];
}
