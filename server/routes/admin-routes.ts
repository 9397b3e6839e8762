import { createToken, listTokens, revokeToken, tokenProblem } from '../auth/token-store.js';
import type { AppServices } from '../http/app-services.js';
import type { RouteSpec } from '../http/route-spec.js';
import { queryTable, auditQuery } from '../../pipelines/read/index.js';
import { ClientError } from '../validation/param-spec.js';

export function adminRoutes(services: AppServices): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/audit',
      tag: 'admin',
      summary:
        'The audit log: your own requests, or (admin) everyone’s, newest first; a person signed in through a provider is named by provider, subject and display name',
      roles: ['admin', 'operations', 'analyst'],
      params: [
        {
          name: 'limit',
          in: 'query',
          description: 'rows',
          type: 'integer',
          min: 1,
          max: 10000,
          default: 200,
        },
        {
          name: 'offset',
          in: 'query',
          description: 'rows to skip',
          type: 'integer',
          min: 0,
          max: 1e9,
          default: 0,
        },
      ],
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
            auditQuery(tokenId, params.limit as number, params.offset as number),
          ),
        };
      },
    },
    {
      method: 'GET',
      path: '/api/tokens',
      tag: 'admin',
      summary: 'Every API token (id, role, scope, label; never the secret)',
      roles: ['admin'],
      unscopedOnly: true,
      params: [],
      formats: ['json'],
      cached: false,
      async handle({ deps }) {
        return { body: { tokens: await listTokens(deps.connection) } };
      },
    },
    {
      method: 'POST',
      path: '/api/tokens',
      tag: 'admin',
      summary: 'Create a token; the secret is in the response once and stored only hashed',
      roles: ['admin'],
      unscopedOnly: true,
      params: [],
      formats: ['json'],
      cached: false,
      requestBody: {
        contentType: 'application/json',
        description: '{"role": "analyst", "ics": ["QOP"], "label": "…"}',
      },
      async handle({ deps, c }) {
        let input: { role?: unknown; ics?: unknown; label?: unknown };
        try {
          input = (await c.req.json()) as typeof input;
        } catch {
          throw new ClientError(
            400,
            'the body must be JSON: {"role": "analyst", "ics": ["QOP"], "label": "…"}',
          );
        }
        if (input === null || typeof input !== 'object')
          throw new ClientError(400, 'the body must be a JSON object');
        const problem = tokenProblem(input);
        if (problem) throw new ClientError(400, problem);
        const created = await createToken(
          deps.connection,
          {
            role: input.role as never,
            ics: input.ics as string[] | undefined,
            label: input.label as string | undefined,
          },
          deps.now(),
        );
        return { body: { token_id: created.tokenId, token: created.token }, status: 201 };
      },
    },
    {
      method: 'DELETE',
      path: '/api/tokens/:tokenId',
      tag: 'admin',
      summary: 'Revoke a token (its browser sessions end with it)',
      roles: ['admin'],
      unscopedOnly: true,
      params: [
        {
          name: 'tokenId',
          in: 'path',
          required: true,
          description: 'the token id shown by GET /api/tokens',
          type: 'text',
          pattern: /^tok_[0-9a-f]{10}$/,
          maxLength: 14,
          hint: 'a token id like tok_0123456789',
        },
      ],
      formats: ['json'],
      cached: false,
      async handle({ deps, params }) {
        const revoked = await revokeToken(deps.connection, params.tokenId as string, deps.now());
        if (!revoked) throw new ClientError(404, `no live token ${params.tokenId as string}`);
        services.credentials.clear();
        return { body: { token_id: params.tokenId, revoked: true } };
      },
    },
  ];
}
