import { schemaVersion } from '../../pipelines/warehouse/migrate.js';
import type { AppServices } from '../http/app-services.js';
import type { RouteSpec } from '../http/route-spec.js';
import { queryTable } from '../query/result-table.js';
import { sql } from '../query/sql.js';
import { deliveryFailuresQuery } from './feed-queries.js';

export function healthRoutes(services: AppServices): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      tag: 'service',
      summary:
        'Liveness, schema and data version; signed in (not public): each feed’s freshness and failed report deliveries',
      roles: 'anyone',
      params: [],
      formats: ['json'],
      cached: false,
      async handle({ deps, principal }) {
        const version = await services.dataVersion.current();
        const body: Record<string, unknown> = {
          status: 'ok',
          now: deps.now().toISOString(),
          schema_version: await schemaVersion(deps.connection),
          data_version_key: version.key,
        };
        if (principal && principal.role !== 'public') {
          body.feeds = await queryTable(
            deps.connection,
            'feed-freshness',
            sql`SELECT feed, max(received_at) AS last_received_at, max(loaded_at) AS last_loaded_at,
                  count(*) FILTER (WHERE status = 'failed') AS failed_files, count(*) AS files
                FROM ingest_file GROUP BY feed ORDER BY feed`,
          );
          body.delivery_failures = await queryTable(
            deps.connection,
            'delivery-failures',
            deliveryFailuresQuery(),
          );
          body.event_streams = services.streams.size;
        }
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/ready',
      tag: 'service',
      summary: 'Readiness: the warehouse answers a query',
      roles: 'anyone',
      params: [],
      formats: ['json'],
      cached: false,
      async handle({ deps }) {
        await deps.connection.run('SELECT 1');
        return { body: { status: 'ready' } };
      },
    },
  ];
}
