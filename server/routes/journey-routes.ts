import { roles } from '../../pipelines/read/index.js';
import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { optional, param, withDefault } from '../validation/params.js';

export const journeyRoutes: RouteSpec[] = [
  defineRoute({
    method: 'GET',
    path: '/api/journey',
    tag: 'indicators',
    summary:
      'The patient journey of one cohort: the patients who arrived at A&E on the days given, how they arrived, how they left A&E and where they are now (still in A&E, still in hospital, discharged); every stage adds up to the cohort',
    roles,
    query: {
      org: param.org('organisation code (site, trust, ICS or region)'),
      to: optional(
        param.date(
          'the last day of arrival (YYYY-MM-DD); default the day before the latest day with arrivals (the last day complete)',
        ),
      ),
      days: withDefault(param.integer('days of arrival, ending at `to`', 1, 92), 7),
    },
    formats: ['json', 'csv', 'arrow'],
    contract: 'journey',
    cached: true,
    async handle({ params, reader }) {
      const { org, days, to } = params;
      return {
        table: await reader!.journey({ org, days, ...(to ? { to } : {}) }),
        disclosed: true,
      };
    },
  }),
];
