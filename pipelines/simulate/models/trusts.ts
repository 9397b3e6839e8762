import type { SyntheticReference } from '../read-reference.js';
import { SiteBeds } from './beds.js';
import { targetOccupancy, trustOccupancyOffsets } from './calibration.js';
import { Department, type DepartmentType } from './department.js';

/** A site: its A&E department (type 01 ED or type 03 urgent treatment centre) and its wards. */
export interface Site {
  code: string;
  trustCode: string;
  type: DepartmentType;
  department: Department;
  beds: SiteBeds;
}

export interface Trust {
  code: string;
  name: string;
  ed: Site;
  utc: Site | undefined;
  /** The adult G&A occupancy the trust's discharges aim at, before the season. */
  targetOccupancy: number;
  /** The number of the trust's next spell. */
  nextSpell: number;
}

/**
 * The ICS's acute trusts from the synthetic reference: each with its type 01 site and, if it
 * has one, its urgent treatment centre; `sites` lists them in that order, trust by trust. The
 * nth trust of the ICS runs at the ICS's target occupancy plus the nth offset.
 */
export function buildTrusts(
  reference: SyntheticReference,
  icsCode: string,
): { trusts: Trust[]; sites: Site[] } {
  const trusts: Trust[] = [];
  const sites: Site[] = [];
  const orgs = reference.orgs.filter((o) => o.ics_code === icsCode);
  for (const trustRow of orgs.filter((o) => o.org_type === 'trust')) {
    const trustCode = trustRow.org_code!;
    const siteRows = orgs.filter((o) => o.org_type === 'site' && o.trust_code === trustCode);
    const makeSite = (code: string, type: DepartmentType): Site => {
      const site: Site = {
        code,
        trustCode,
        type,
        department: new Department(code, trustCode, type),
        beds: new SiteBeds(reference.wards.filter((w) => w.site_code === code)),
      };
      sites.push(site);
      return site;
    };
    const edRow = siteRows.find((s) => s.department_type === '01');
    const utcRow = siteRows.find((s) => s.department_type === '03');
    if (!edRow) throw new Error(`synthetic trust ${trustCode} has no type 01 site`);
    const ed = makeSite(edRow.org_code!, '01');
    const utc = utcRow ? makeSite(utcRow.org_code!, '03') : undefined;
    const offset = trustOccupancyOffsets[trusts.length % trustOccupancyOffsets.length]!;
    trusts.push({
      code: trustCode,
      name: trustRow.org_name!,
      ed,
      utc,
      targetOccupancy: targetOccupancy + offset,
      nextSpell: 1,
    });
  }
  if (trusts.length === 0) throw new Error(`no synthetic trusts for ICS ${icsCode}`);
  return { trusts, sites };
}
