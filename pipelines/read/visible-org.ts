import type { DuckDBConnection } from '@duckdb/node-api';
import type { Principal } from './principal.js';
import { queryTable, rowsOf } from './result-table.js';
import { scopeClause } from './scope-clause.js';
import { sql } from './sql.js';
import { AccessError } from './access-error.js';

const rememberMs = 5000;
const remembered = new WeakMap<
  DuckDBConnection,
  Map<string, { type: string | null; at: number }>
>();

/**
 * The org's type when the caller may see it; otherwise a 404 that reads the same whether the
 * code is unknown or outside the caller's scope, so another ICS's codes are never confirmed.
 */
export async function requireVisibleOrg(
  connection: DuckDBConnection,
  principal: Principal | null,
  orgCode: string,
): Promise<string> {
  // The answer is remembered for a few seconds per connection: the hierarchy is reference
  // data, and every data query applies the scope again itself.
  const key = `${orgCode}|${principal?.scope?.join(',') ?? '*'}`;
  let memo = remembered.get(connection);
  if (!memo) remembered.set(connection, (memo = new Map()));
  const hit = memo.get(key);
  const now = Date.now();
  if (hit && now - hit.at < rememberMs) {
    if (hit.type === null) throw notVisible(orgCode);
    return hit.type;
  }
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const table = await queryTable(
    connection,
    'visible-org',
    sql`SELECT o.org_type FROM org o WHERE o.org_code = ${orgCode} AND ${scope}`,
  );
  const type = rowsOf(table)[0]?.org_type;
  if (memo.size > 10_000) memo.clear();
  memo.set(key, { type: type === undefined ? null : String(type), at: now });
  if (type === undefined) throw notVisible(orgCode);
  return String(type);
}

function notVisible(orgCode: string): AccessError {
  return new AccessError(
    404,
    `no organisation ${orgCode} that you can see (unknown code, or outside your scope)`,
  );
}
