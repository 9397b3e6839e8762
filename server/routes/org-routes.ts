import { roles } from '../../pipelines/read/index.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { optional, param } from '../validation/params.js';

export const orgRoutes: RouteSpec[] = [
  defineRoute({
    method: 'GET',
    path: '/api/orgs',
    tag: 'reference',
    summary: 'The organisation hierarchy (England → region → ICS → trust → site) you may see',
    roles,
    query: {
      type: optional(
        param.oneOf(
          ['england', 'region', 'ics', 'trust', 'site'],
          'only organisations of this type',
        ),
      ),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'orgs',
    cached: true,
    async handle({ params, reader }) {
      return { table: await reader!.orgs(params.type) };
    },
  }),
  {
    method: 'GET',
    path: '/api/local-authorities',
    tag: 'reference',
    summary:
      'Local authorities you may see (by their ICS), with their names: the discharge breakdown by local_authority uses their codes',
    roles,
    formats: ['json', 'csv', 'arrow'],
    contract: 'localAuthorities',
    cached: true,
    async handle({ reader }) {
      return { table: await reader!.localAuthorities() };
    },
  },
];
