import type { Principal } from '../auth/principal.js';
import { roles } from '../auth/principal.js';
import { queryTable } from '../query/result-table.js';
import { scopeClause } from '../query/scope-clause.js';
import { sql, type SqlQuery } from '../query/sql.js';
import type { RouteSpec } from '../http/route-spec.js';

/** The organisation hierarchy the caller may see, top down. */
export function orgsQuery(principal: Principal | null, type?: string): SqlQuery {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const byType = type ? sql` AND o.org_type = ${type}` : sql``;
  return sql`SELECT o.org_code, o.org_name, o.org_type, o.parent_code, o.trust_code, o.ics_code, o.region_code, o.is_synthetic
    FROM org o WHERE ${scope}${byType}
    ORDER BY CASE o.org_type WHEN 'england' THEN 0 WHEN 'region' THEN 1 WHEN 'ics' THEN 2 WHEN 'trust' THEN 3 ELSE 4 END, o.org_code`;
}

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
    async handle({ deps, principal, params }) {
      return {
        table: await queryTable(
          deps.connection,
          'orgs',
          orgsQuery(principal, params.type as string | undefined),
        ),
      };
    },
  },
];
