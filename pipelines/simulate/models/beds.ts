import type { SyntheticReference } from '../read-reference.js';
import { targetOccupancy } from './calibration.js';
import type { Spell } from './spell.js';

export type BedType = 'adult_ga' | 'paed_ga' | 'adult_cc';
export const bedTypes: readonly BedType[] = ['adult_ga', 'paed_ga', 'adult_cc'];

/** A ward: its numbered beds (core and planned escalation), and extra beds opened past them. */
export interface Ward {
  code: string;
  type: BedType;
  capacity: number;
  /** Free numbered beds; the last is taken next (bed 1 first on an empty ward). */
  free: number[];
  /** The highest bed number given out beyond the numbered ones. */
  extra: number;
  occupied: number;
}

/**
 * The wards of one site and the patients in them. A ward never refuses a patient: when its
 * numbered beds are full it opens extra ones (trolleys on the ward).
 */
export class SiteBeds {
  readonly wards: Record<BedType, Ward[]> = { adult_ga: [], paed_ga: [], adult_cc: [] };
  /** Core beds by type (the planned escalation beds are on the wards but not counted here). */
  readonly core: Record<BedType, number> = { adult_ga: 0, paed_ga: 0, adult_cc: 0 };
  readonly occupied: Record<BedType, number> = { adult_ga: 0, paed_ga: 0, adult_cc: 0 };
  readonly inpatients = new Set<Spell>();

  constructor(wards: SyntheticReference['wards']) {
    for (const w of wards) {
      const t = w.bed_type as BedType;
      if (!this.wards[t]) continue;
      const capacity = Number(w.core_beds) + Number(w.escalation_beds);
      const free: number[] = [];
      for (let b = capacity; b >= 1; b--) free.push(b);
      this.wards[t].push({
        code: w.ward_code!,
        type: t,
        capacity,
        free,
        extra: capacity,
        occupied: 0,
      });
      this.core[t] += Number(w.core_beds);
    }
  }

  /**
   * A bed of `type` on the ward with the most room, other than `avoid` if another ward has one
   * (a move between wards).
   */
  take(type: BedType, avoid?: Ward): { ward: Ward; bed: number } {
    let best: Ward | undefined;
    for (const w of this.wards[type]) {
      if (w === avoid) continue;
      if (!best || w.capacity - w.occupied > best.capacity - best.occupied) best = w;
    }
    if (!best) best = avoid ?? this.wards.adult_ga[0]!;
    const bed = best.free.pop() ?? ++best.extra;
    best.occupied++;
    this.occupied[best.type]++;
    return { ward: best, bed };
  }

  release(ward: Ward, bed: number): void {
    ward.occupied--;
    this.occupied[ward.type]--;
    if (bed <= ward.capacity) ward.free.push(bed);
  }

  /** Adult G&A beds occupied over core beds (the target if the site has none). */
  occupancy(): number {
    const core = this.core.adult_ga;
    return core > 0 ? this.occupied.adult_ga / core : targetOccupancy;
  }
}
