import type { Attendance } from './attendance.js';
import type { BedType } from './beds.js';
import type { Spell } from './spell.js';
import type { Site } from './trusts.js';

/**
 * What happens to a patient at time `t` (UTC ms): leaving A&E, a record of a patient still in
 * it, admission, a move to a ward of another type, a change of details, being ready for
 * discharge, discharge.
 */
export type IcsEvent =
  | { t: number; kind: 'depart'; attendance: Attendance; site: Site }
  | { t: number; kind: 'partial'; attendance: Attendance }
  | { t: number; kind: 'admit'; attendance: Attendance; spell: Spell }
  | { t: number; kind: 'transfer'; spell: Spell; ward: BedType }
  | { t: number; kind: 'update' | 'ready' | 'discharge'; spell: Spell };
