import type { Role } from '../auth/principal.js';
import type { RouteSpec } from '../http/route-spec.js';
import { queryTable } from '../query/result-table.js';
import {
  alertsQuery,
  forecastsQuery,
  liveSitesQuery,
  liveWardsQuery,
  opelQuery,
} from './live-queries.js';
import { requireVisibleOrg } from './visible-org.js';

/** Operational routes: everyone but the public. */
export const operationalRoles: readonly Role[] = ['admin', 'operations', 'analyst', 'regional'];

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
    async handle({ deps, principal, params }) {
      const connection = deps.connection;
      const sites = await queryTable(connection, 'live-sites', liveSitesQuery(principal));
      const wards = await queryTable(connection, 'live-wards', liveWardsQuery(principal));
      const opel = await queryTable(
        connection,
        'opel-latest',
        opelQuery(principal, { latest: true }),
      );
      const alerts = await queryTable(connection, 'open-alerts', alertsQuery(principal, 'open'));
      const tables = { sites, wards, opel, alerts };
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
    async handle({ deps, principal, params }) {
      const org = params.org as string | undefined;
      if (org) await requireVisibleOrg(deps.connection, principal, org);
      const window = {
        org,
        from: params.from as string | undefined,
        to: params.to as string | undefined,
      };
      const latest = await queryTable(
        deps.connection,
        'opel-latest',
        opelQuery(principal, { latest: true, org }),
      );
      const history = await queryTable(
        deps.connection,
        'opel-history',
        opelQuery(principal, { latest: false, ...window }),
      );
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
    async handle({ deps, principal, params }) {
      const site = params.site as string | undefined;
      if (site) await requireVisibleOrg(deps.connection, principal, site);
      const query = forecastsQuery(principal, site, params.measure as string | undefined);
      return { table: await queryTable(deps.connection, 'forecasts', query) };
    },
  },
];
