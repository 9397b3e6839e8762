import { roles } from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';

/** GET /api/me: who the caller is here, with what role and scope. */
export const meRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/me',
    tag: 'service',
    summary:
      'Who you are signed in as: role, ICS scope (null = every ICS), and for a person signed in through a provider, the provider, subject, display name and when the session ends',
    roles,
    formats: ['json'],
    cached: false,
    async handle({ principal }) {
      const p = principal!;
      return {
        body: {
          role: p.role,
          ics: p.scope,
          via: p.via,
          token_id: p.person ? null : p.tokenId,
          label: p.person ? null : p.label,
          person: p.person
            ? { provider: p.person.provider, subject: p.person.subject, name: p.person.name }
            : null,
          session_ends_at: p.expiresAt?.toISOString() ?? null,
        },
        noStore: true,
      };
    },
  },
];
