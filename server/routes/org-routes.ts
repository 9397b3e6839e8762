import { roles } from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';

export const orgRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/orgs',
    tag: 'reference',
    summary: 'The organisation hierarchy (England → region → ICS → trust → site) you may see',
    roles,
    params: [
      {
        name: 'type',
        in: 'query',
        description: 'only organisations of this type',
        type: 'enum',
        values: ['england', 'region', 'ics', 'trust', 'site'],
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'orgs',
    cached: true,
    async handle({ params, reader }) {
      return { table: await reader!.orgs(params.type as string | undefined) };
    },
  },
  {
    method: 'GET',
    path: '/api/local-authorities',
    tag: 'reference',
    summary:
      'Local authorities you may see (by their ICS), with their names: the discharge breakdown by local_authority uses their codes',
    roles,
    params: [],
    formats: ['json', 'csv', 'arrow'],
    contract: 'localAuthorities',
    cached: true,
    async handle({ reader }) {
      return { table: await reader!.localAuthorities() };
    },
  },
];
