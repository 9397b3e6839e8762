import type { AdtEvent } from '../../feeds/adt/format.js';
import { day, floorMinute, minute } from '../durations.js';
import type { Random } from '../random.js';
import type { Attendance } from './attendance.js';
import type { BedType } from './beds.js';
import type { IcsEvent } from './ics-event.js';
import { planStay } from './plan-stay.js';
import type { Spell } from './spell.js';

/** A ward event of a spell: an admission, transfer, update or discharge, or its cancellation. */
export interface WardEvent {
  event: AdtEvent;
  at: number;
  spell: Spell;
  ward: string;
  priorWard?: string;
  dischargedAt?: number;
}

/** Where the ward events of a spell are reported, as ADT messages of its site. */
export interface AdtEvents {
  record(wardEvent: WardEvent): void;
}

/**
 * Admitted patients on the wards: admission from the ED into a bed (critical care for a few of
 * the sickest adults, paediatrics for children), moves between wards, changes of details and
 * discharge, each reported as ADT events, now and then recorded in error and cancelled.
 */
export class Inpatients {
  /** Spells admitted. */
  admitted = 0;

  constructor(
    private readonly random: Random,
    private readonly laDelayFactors: readonly number[],
    private readonly schedule: (event: IcsEvent) => void,
    private readonly adt: AdtEvents,
  ) {}

  /** Admits the spell at the end of its A&E attendance `a`, and schedules its stay. */
  admit(spell: Spell, a: Attendance): void {
    const r = this.random;
    const beds = spell.site.beds;
    const at = a.departure;
    const age = spell.person.age;
    const critical = spell.isAdult && a.acuity <= 2 && r.next() < 0.08;
    const type: BedType = age < 15 ? 'paed_ga' : critical ? 'adult_cc' : 'adult_ga';
    const { ward, bed } = beds.take(beds.wards[type].length > 0 ? type : 'adult_ga');
    spell.ward = ward;
    spell.bed = bed;
    beds.inpatients.add(spell);
    this.admitted++;
    planStay(spell, at, beds.occupancy(), this.laDelayFactors[spell.person.laIndex]!, r);
    this.schedule({ t: spell.dischargeAt, kind: 'discharge', spell });
    if (spell.isAdult) this.schedule({ t: Math.max(spell.readyAt, at), kind: 'ready', spell });
    const stay = spell.dischargeAt - at;
    if (type === 'adult_cc') {
      const t = floorMinute(at + Math.min(stay * 0.6, r.logNormal(1.5, 0.5) * day));
      this.schedule({ t, kind: 'transfer', spell, ward: 'adult_ga' });
    } else if (type === 'adult_ga' && stay > 2 * day && r.next() < 0.15) {
      this.schedule({
        t: floorMinute(at + stay * (0.2 + 0.4 * r.next())),
        kind: 'transfer',
        spell,
        ward: 'adult_ga',
      });
    }
    if (r.next() < 0.1)
      this.schedule({ t: floorMinute(at + stay * r.next()), kind: 'update', spell });
    const wards = beds.wards[ward.type];
    if (r.next() < 0.005 && wards.length > 1) {
      const wrong = wards.find((w) => w !== ward)!;
      this.adt.record({ event: 'A01', at, spell, ward: wrong.code });
      this.adt.record({ event: 'A11', at: at + 4 * minute, spell, ward: wrong.code });
      this.adt.record({ event: 'A01', at: at + 5 * minute, spell, ward: ward.code });
    } else this.adt.record({ event: 'A01', at, spell, ward: ward.code });
  }

  /** Moves the spell to a ward of `type` (another ward if it is on one of that type). */
  transfer(spell: Spell, at: number, type: BedType): void {
    const beds = spell.site.beds;
    if (!beds.inpatients.has(spell) || at >= spell.dischargeAt) return;
    const prior = spell.ward;
    const { ward, bed } = beds.take(type, prior.type === type ? prior : undefined);
    beds.release(prior, spell.bed);
    spell.ward = ward;
    spell.bed = bed;
    if (this.random.next() < 0.03) {
      this.adt.record({ event: 'A02', at, spell, ward: prior.code, priorWard: prior.code });
      this.adt.record({
        event: 'A12',
        at: at + 3 * minute,
        spell,
        ward: prior.code,
        priorWard: prior.code,
      });
      this.adt.record({
        event: 'A02',
        at: at + 4 * minute,
        spell,
        ward: ward.code,
        priorWard: prior.code,
      });
    } else this.adt.record({ event: 'A02', at, spell, ward: ward.code, priorWard: prior.code });
  }

  /** A change of the patient's details while in a bed. */
  update(spell: Spell, at: number): void {
    if (spell.site.beds.inpatients.has(spell))
      this.adt.record({ event: 'A08', at, spell, ward: spell.ward.code });
  }

  discharge(spell: Spell, at: number): void {
    const beds = spell.site.beds;
    beds.release(spell.ward, spell.bed);
    beds.inpatients.delete(spell);
    if (this.random.next() < 0.01) {
      this.adt.record({ event: 'A03', at, spell, ward: spell.ward.code, dischargedAt: at });
      this.adt.record({ event: 'A13', at: at + 5 * minute, spell, ward: spell.ward.code });
      const corrected = at + 10 * minute;
      this.adt.record({
        event: 'A03',
        at: corrected,
        spell,
        ward: spell.ward.code,
        dischargedAt: corrected,
      });
      spell.dischargeAt = corrected;
    } else this.adt.record({ event: 'A03', at, spell, ward: spell.ward.code, dischargedAt: at });
  }
}
