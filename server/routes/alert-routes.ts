import { defineRoute, type RouteSpec } from '../http/route-spec.js';
import { optional, param } from '../validation/params.js';
import type { AppServices } from '../http/app-services.js';
import {
  queryTable,
  rowsOf,
  sql,
  scopeClause,
  operationalRoles,
} from '../../pipelines/read/index.js';
import { ClientError } from '../validation/client-error.js';

export function alertRoutes(services: AppServices): RouteSpec[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/api/alerts',
      tag: 'alerts',
      summary:
        'Alerts (SPC concerns, target breaches, OPEL rises, late feeds, forecast over capacity), newest first',
      roles: operationalRoles,
      query: {
        status: optional(
          param.oneOf(['open', 'acknowledged', 'resolved'], 'only alerts in this state'),
        ),
      },
      formats: ['json', 'csv', 'arrow'],
      contract: 'alerts',
      cached: true,
      async handle({ params, reader }) {
        return { table: await reader!.alerts(params.status) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/api/alerts/:id/ack',
      tag: 'alerts',
      summary: 'Acknowledge an open alert',
      roles: ['admin', 'operations'],
      pathParams: { id: param.integer('alert id', 1, 2 ** 53 - 1) },
      formats: ['json'],
      cached: false,
      async handle({ deps, principal, params }) {
        const id = params.id;
        const scope = principal?.scope
          ? sql`a.org_code IS NOT NULL AND ${scopeClause(principal.scope, 'o.ics_code')}`
          : sql`TRUE`;
        const found = rowsOf(
          await queryTable(
            deps.connection,
            'alert-to-ack',
            sql`SELECT a.status FROM alert a LEFT JOIN org o ON o.org_code = a.org_code WHERE a.alert_id = ${id} AND ${scope}`,
          ),
        )[0];
        if (!found) throw new ClientError(404, `no alert ${id} that you can see`);
        if (found.status !== 'open')
          throw new ClientError(409, `alert ${id} is ${String(found.status)}, not open`);
        const by = principal!.label
          ? `${principal!.tokenId} (${principal!.label})`
          : principal!.tokenId;
        const result = await deps.acknowledgeAlert(deps.connection, BigInt(id), by, deps.now());
        services.invalidate();
        return {
          body: {
            alert_id: id,
            status: 'acknowledged',
            acknowledged_by: by,
            result: result ?? null,
          },
          noStore: true,
        };
      },
    }),
  ];
}
