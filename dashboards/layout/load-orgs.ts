import type { OrgRow } from '../../pipelines/read/index.js';
import { getRows } from './api-client.js';

/** The organisations the signed-in user may see, and their names by code. */
export interface Orgs {
  rows: OrgRow[];
  nameOf(code: string | null | undefined): string;
  byType(type: OrgRow['org_type']): OrgRow[];
  childrenOf(code: string): OrgRow[];
}

/** A name short enough for a chart label: "Kelford and District NHS Foundation Trust" → "Kelford and District". */
export function shortOrgName(name: string): string {
  return name
    .trim()
    .replace(/^NHS /, '')
    .replace(/ (NHS Foundation Trust|NHS Trust|Integrated Care Board)$/, (_, kind: string) =>
      kind === 'Integrated Care Board' ? ' ICB' : '',
    );
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
