import { roles } from '../../pipelines/read/index.js';
import type { RouteSpec } from '../http/route-spec.js';

export const journeyRoutes: RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/journey',
    tag: 'indicators',
    summary:
      'The patient journey of one cohort: the patients who arrived at A&E on the days given, how they arrived, how they left A&E and where they are now (still in A&E, still in hospital, discharged); every stage adds up to the cohort',
    roles,
    params: [
      {
        name: 'org',
        in: 'query',
        required: true,
        description: 'organisation code (site, trust, ICS or region)',
        type: 'code',
      },
      {
        name: 'to',
        in: 'query',
        description:
          'the last day of arrival (YYYY-MM-DD); default the day before the latest day with arrivals (the last day complete)',
        type: 'date',
      },
      {
        name: 'days',
        in: 'query',
        description: 'days of arrival, ending at `to`',
        type: 'integer',
        min: 1,
        max: 92,
        default: 7,
      },
    ],
    formats: ['json', 'csv', 'arrow'],
    contract: 'journey',
    cached: true,
    async handle({ params, reader }) {
      const to = params.to as string | undefined;
      return {
        table: await reader!.journey({
          org: params.org as string,
          days: params.days as number,
          ...(to ? { to } : {}),
        }),
        disclosed: true,
      };
    },
  },
];
