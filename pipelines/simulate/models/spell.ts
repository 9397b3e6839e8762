import type { Ward } from './beds.js';
import type { Person } from './population.js';
import type { Site, Trust } from './trusts.js';

/** An inpatient stay, from admission through the ED to discharge (times are UTC ms). */
export interface Spell {
  id: string;
  site: Site;
  trust: Trust;
  person: Person;
  admittedAt: number;
  ward: Ward;
  bed: number;
  /** When the patient is clinically ready to leave, and that local day (YYYY-MM-DD). */
  readyAt: number;
  readyDate: string;
  dischargeAt: number;
  /** Discharge pathway 0–3 (adults). */
  pathway: number;
  /** Why discharge waits past the ready day, if it does (a `delay-reasons.ts` text). */
  delayReason: string;
  isAdult: boolean;
}

/**
 * The spell of a patient the ED will admit at `admittedAt`, numbered by the trust when the
 * patient arrives; the ward and the stay are settled on admission.
 */
export function newSpell(trust: Trust, person: Person, admittedAt: number): Spell {
  return {
    id: trust.code + String(trust.nextSpell++).padStart(8, '0'),
    site: trust.ed,
    trust,
    person,
    admittedAt,
    ward: undefined as unknown as Ward,
    bed: 0,
    readyAt: 0,
    readyDate: '',
    dischargeAt: 0,
    pathway: 0,
    delayReason: '',
    isAdult: person.age >= 18,
  };
}
