import type { AuditRow, LocalAuthorityRow, OrgRow } from '../contracts.js';
import { scopeClause } from '../scope-clause.js';
import { sql, type SqlQuery } from '../sql.js';
import type { Principal } from '../principal.js';

/** The organisation hierarchy the caller may see, top down. */
export function orgsQuery(principal: Principal | null, type?: string): SqlQuery<OrgRow> {
  const scope = scopeClause(principal?.scope ?? null, 'o.ics_code', 'o.org_type');
  const byType = type ? sql` AND o.org_type = ${type}` : sql``;
  return sql<OrgRow>`SELECT o.org_code, o.org_name, o.org_type, o.parent_code, o.trust_code, o.ics_code, o.region_code, o.is_synthetic
    FROM org o WHERE ${scope}${byType}
    ORDER BY CASE o.org_type WHEN 'england' THEN 0 WHEN 'region' THEN 1 WHEN 'ics' THEN 2 WHEN 'trust' THEN 3 ELSE 4 END, o.org_code`;
}

/** Local authorities the caller may see (by their ICS), by name. */
export function localAuthoritiesQuery(principal: Principal | null): SqlQuery<LocalAuthorityRow> {
  const scope = scopeClause(principal?.scope ?? null, 'la.ics_code');
  return sql<LocalAuthorityRow>`SELECT la.la_code, la.la_name, la.ics_code FROM local_authority la
    WHERE ${scope} ORDER BY la.la_name, la.la_code`;
}

/** Audit rows: the caller's own (tokenId), or everyone's (null). */
export function auditQuery(
  tokenId: string | null,
  limit: number,
  offset: number,
): SqlQuery<AuditRow> {
  const own = tokenId === null ? sql`TRUE` : sql`token_id = ${tokenId}`;
  return sql<AuditRow>`SELECT audit_id, requested_at, request_id, token_id, provider, subject, display_name, role, method, route, params, rows, status, ms
    FROM audit_log WHERE ${own} ORDER BY audit_id DESC LIMIT ${limit} OFFSET ${offset}`;
}
