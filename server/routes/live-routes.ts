import { operationalRoles } from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';

/** Operational routes: everyone but the public (defined once, in the read layer). */
export { operationalRoles };

export const liveRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/live',
    tag: 'live',
    summary: 'Current state: sites, wards, latest OPEL per trust and ICS, open alerts',
    description:
      'JSON carries all four; CSV and Arrow carry the table named by `table` (default sites).',
    roles: operationalRoles,
    params: [
      {
        name: 'table',
        in: 'query',
        description: 'which table CSV / Arrow carry',
        type: 'enum',
        values: ['sites', 'wards', 'opel', 'alerts'],
        default: 'sites',
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'liveSites',
    cached: true,
    async handle({ params, reader }) {
      const tables = await reader!.live();
      return { table: tables[params.table as keyof typeof tables], body: tables };
    },
  },
  {
    method: 'GET',
    path: '/api/opel',
    tag: 'live',
    summary: 'OPEL-style escalation levels: the latest per trust and ICS, and the history',
    description: 'JSON carries `latest` and `history`; CSV and Arrow carry the history.',
    roles: operationalRoles,
    params: [
      { name: 'org', in: 'query', description: 'one trust or ICS', type: 'code' },
      {
        name: 'from',
        in: 'query',
        description: 'history from this day (YYYY-MM-DD)',
        type: 'date',
      },
      {
        name: 'to',
        in: 'query',
        description: 'history to this day, inclusive (YYYY-MM-DD)',
        type: 'date',
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'opel',
    cached: true,
    async handle({ params, reader }) {
      const org = params.org as string | undefined;
      const latest = await reader!.opel({ latest: true, org });
      const history = await reader!.opel({
        latest: false,
        org,
        from: params.from as string | undefined,
        to: params.to as string | undefined,
      });
      return { table: history, body: { latest, history } };
    },
  },
  {
    method: 'GET',
    path: '/api/forecasts',
    tag: 'live',
    summary:
      'The latest hourly forecasts of arrivals and admissions per site, with 80% and 95% intervals',
    roles: operationalRoles,
    params: [
      { name: 'site', in: 'query', description: 'one site code', type: 'code', example: 'R0A01' },
      {
        name: 'measure',
        in: 'query',
        description: 'what is forecast',
        type: 'enum',
        values: ['arrivals', 'admissions'],
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'forecasts',
    cached: true,
    async handle({ params, reader }) {
      const table = await reader!.forecasts(
        params.site as string | undefined,
        params.measure as string | undefined,
      );
      return { table };
    },
  },
];
