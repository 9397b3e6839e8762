import type { OrgRow } from '../../server/contracts.js';
import { getRows } from './api-client.js';

/** The organisations the signed-in user may see, and their names by code. */
export interface Orgs {
  rows: OrgRow[];
  nameOf(code: string | null | undefined): string;
  byType(type: OrgRow['org_type']): OrgRow[];
  childrenOf(code: string): OrgRow[];
}

/** Reads /api/orgs once. */
export async function loadOrgs(): Promise<Orgs> {
  const { rows } = await getRows<OrgRow>('/api/orgs');
  const names = new Map(rows.map((row) => [row.org_code, row.org_name.trim()]));
  return {
    rows,
    nameOf: (code) => (code ? (names.get(code) ?? code) : '–'),
    byType: (type) => rows.filter((row) => row.org_type === type),
    childrenOf: (code) => rows.filter((row) => row.parent_code === code),
  };
}
