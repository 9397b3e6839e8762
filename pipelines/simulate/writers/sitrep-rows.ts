import { sitrepColumns } from '../../feeds/sitrep/format.js';
import { day } from '../durations.js';
import { bedTypes } from '../models/beds.js';
import type { Random } from '../random.js';
import type { Site } from '../models/trusts.js';

/** The sitrep CSV header, from the feed's format, with its line break. */
export const sitrepHeaderLine = `${sitrepColumns.join(',')}\n`;

/**
 * The daily bed sitrep lines of the type 01 sites at `at` (UTC ms), one per bed type the site
 * has: core, escalation and occupied beds, voids, and patients in for 7, 14 and 21 days or more
 * (not for critical care).
 */
export function sitrepRows(
  sites: readonly Site[],
  snapshotDate: string,
  at: number,
  random: Random,
): string[] {
  const rows: string[] = [];
  for (const site of sites) {
    if (site.type !== '01') continue;
    const beds = site.beds;
    for (const type of bedTypes) {
      if (beds.wards[type].length === 0) continue;
      const occupied = beds.occupied[type];
      const core = beds.core[type];
      // Beds in use are available beds: when patients outnumber the core and planned
      // escalation beds, the extra beds opened (trolleys on wards) count as escalation.
      const escalation = occupied > core ? Math.max(1, occupied - core + 1) : 0;
      const voids = Math.max(0, Math.round(core * 0.01 * random.next()));
      let los = '';
      if (type !== 'adult_cc') {
        let l7 = 0;
        let l14 = 0;
        let l21 = 0;
        for (const s of beds.inpatients) {
          if (s.ward.type !== type) continue;
          const stay = at - s.admittedAt;
          if (stay >= 7 * day) l7++;
          if (stay >= 14 * day) l14++;
          if (stay >= 21 * day) l21++;
        }
        los = `${l7},${l14},${l21}`;
      } else los = ',,';
      rows.push(
        `${snapshotDate},${site.trustCode},${site.code},${type},${core},${escalation},${occupied},${voids},${los}\n`,
      );
    }
  }
  return rows;
}
