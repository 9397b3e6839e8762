import { schemaVersion } from '../../pipelines/warehouse/index.js';
import type { AppDeps } from '../app-deps.js';
import type { AppServices } from '../http/app-services.js';
import type { RouteSpec } from '../http/route-spec.js';
import { queryTable, sql } from '../../pipelines/read/index.js';

export function healthRoutes(services: AppServices): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      tag: 'service',
      summary:
        'Liveness, schema and data version; signed in (not public): each feed’s freshness and failed report deliveries',
      roles: 'anyone',
      formats: ['json'],
      cached: false,
      async handle({ deps, principal, reader }) {
        const version = await services.dataVersion.current();
        const body: Record<string, unknown> = {
          status: 'ok',
          now: deps.now().toISOString(),
          schema_version: await schemaVersion(deps.connection),
          data_version_key: version.key,
          startup: startupBody(deps),
        };
        if (principal && principal.role !== 'public') {
          body.feeds = await queryTable(
            deps.connection,
            'feed-freshness',
            sql`SELECT feed, max(received_at) AS last_received_at, max(loaded_at) AS last_loaded_at,
                  count(*) FILTER (WHERE status = 'failed') AS failed_files, count(*) AS files
                FROM ingest_file GROUP BY feed ORDER BY feed`,
          );
          body.delivery_failures = await reader!.deliveryFailures();
          body.event_streams = services.streams.size;
        }
        return { body };
      },
    },
    {
      method: 'GET',
      path: '/api/ready',
      tag: 'service',
      summary:
        'Readiness: the warehouse answers a query and the history is loaded (503 with the progress while it loads)',
      roles: 'anyone',
      formats: ['json'],
      cached: false,
      async handle({ deps }) {
        await deps.connection.run('SELECT 1');
        const startup = startupBody(deps);
        if (startup.phase !== 'ready') return { status: 503, body: { status: 'loading', startup } };
        return { body: { status: 'ready', startup } };
      },
    },
  ];
}

/** The start-up phase: the service answers while the history loads. */
function startupBody(deps: AppDeps): Record<string, unknown> {
  const startup = deps.startup?.();
  if (!startup) return { phase: 'ready' };
  return {
    phase: startup.phase,
    files_done: startup.filesDone,
    files_total: startup.filesTotal,
    since: startup.since,
  };
}
