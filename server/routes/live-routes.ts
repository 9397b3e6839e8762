import { operationalRoles } from '../../pipelines/read/index.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { optional, param, withDefault } from '../validation/params.js';

/** Operational routes: everyone but the public (defined once, in the read layer). */
export { operationalRoles };

export const liveRoutes: RouteSpec[] = [
  defineRoute({
    method: 'GET',
    path: '/api/live',
    tag: 'live',
    summary: 'Current state: sites, wards, latest OPEL per trust and ICS, open alerts',
    description:
      'JSON carries all four; CSV and Arrow carry the table named by `table` (default sites).',
    roles: operationalRoles,
    query: {
      table: withDefault(
        param.oneOf(['sites', 'wards', 'opel', 'alerts'], 'which table CSV / Arrow carry'),
        'sites',
      ),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'liveSites',
    cached: true,
    async handle({ params, reader }) {
      const tables = await reader!.live();
      return { table: tables[params.table], body: tables };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/opel',
    tag: 'live',
    summary:
      'OPEL-style escalation levels: the latest per trust and ICS, every change, and each day as at 08:00',
    description:
      'JSON carries `latest`, `history` (each assessment hour and every change of level) and `daily` (each trust and ICS as at 08:00 UK time on every day of the loaded history, from the same scoring); CSV and Arrow carry the table named by `table` (default history).',
    roles: operationalRoles,
    query: {
      org: optional(param.org('one trust or ICS')),
      from: optional(param.date('history from this day (YYYY-MM-DD)')),
      to: optional(param.date('history to this day, inclusive (YYYY-MM-DD)')),
      table: withDefault(
        param.oneOf(['history', 'daily'], 'which table CSV / Arrow carry'),
        'history',
      ),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'opel',
    cached: true,
    async handle({ params, reader }) {
      const { org, from, to } = params;
      const latest = await reader!.opel({ latest: true, org });
      const history = await reader!.opel({ latest: false, org, from, to });
      const daily = await reader!.opelDaily({ org, from, to });
      return {
        table: params.table === 'daily' ? daily : history,
        body: { latest, history, daily },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/forecasts',
    tag: 'live',
    summary:
      'The latest hourly forecasts of arrivals and admissions per site, with 80% and 95% intervals',
    roles: operationalRoles,
    query: {
      site: optional(param.org('one site code', 'R0A01')),
      measure: optional(param.oneOf(['arrivals', 'admissions'], 'what is forecast')),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'forecasts',
    cached: true,
    async handle({ params, reader }) {
      return { table: await reader!.forecasts(params.site, params.measure) };
    },
  }),
];
