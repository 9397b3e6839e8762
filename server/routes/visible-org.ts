import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from '../auth/principal.js';
import { queryTable, rowsOf } from '../query/result-table.js';
import { scopeClause } from '../query/scope-clause.js';
import { sql } from '../query/sql.js';
import { ClientError } from '../validation/param-spec.js';

/**
 * The org's type when the caller may see it; otherwise a 404 that reads the same whether the
 * code is unknown or outside the caller's scope, so another ICS's codes are never confirmed.
 */
export async function requireVisibleOrg(
  connection: DuckDBConnection,
  principal: Principal | null,
  orgCode: string,
): Promise<string> {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const table = await queryTable(
    connection,
    'visible-org',
    sql`SELECT o.org_type FROM org o WHERE o.org_code = ${orgCode} AND ${scope}`,
  );
  const row = rowsOf(table)[0];
  if (!row)
    throw new ClientError(
      404,
      `no organisation ${orgCode} that you can see (unknown code, or outside your scope)`,
    );
  return String(row.org_type);
}
