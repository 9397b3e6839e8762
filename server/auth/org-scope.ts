import type { DuckDBConnection } from '@duckdb/node-api';
import type { OrgScope } from './access-from-claims.js';

/**
 * The ICS scope an organisation code (ODS) stands for, from the warehouse's organisations: a
 * site's, trust's or ICB's own ICS, every ICS of a region, every ICS for England (null).
 */
export function orgScopeFrom(connection: DuckDBConnection): OrgScope {
  return async (orgCode) => {
    const reader = await connection.runAndReadAll(
      `SELECT o.org_type, o.ics_code,
              (SELECT list(i.org_code ORDER BY i.org_code) FROM org i
                WHERE i.org_type = 'ics' AND i.region_code = o.org_code) AS region_ics
         FROM org o WHERE o.org_code = $1`,
      [orgCode],
    );
    const row = reader.getRowObjectsJS()[0];
    if (!row) return undefined;
    if (row.org_type === 'england') return null;
    if (row.org_type === 'region') {
      const codes = (row.region_ics as string[] | null) ?? [];
      return codes.length > 0 ? codes : undefined;
    }
    return typeof row.ics_code === 'string' ? [row.ics_code] : undefined;
  };
}
