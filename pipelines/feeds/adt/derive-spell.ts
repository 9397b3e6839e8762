import type { AdtEvent } from './format.js';

/** A stored bed_event row, as the spell derivation reads it. */
export interface BedEvent {
  message_control_id: string;
  event_type: AdtEvent;
  event_at: Date;
  message_at: Date;
  sending_facility: string;
  spell_id: string;
  patient_id: string | null;
  patient_class: string | null;
  ward_code: string | null;
  bed: string | null;
  admitted_at: Date | null;
  discharged_at: Date | null;
  age_years: number | null;
  sex: string | null;
}

export interface DerivedStay {
  ward_code: string;
  bed: string | null;
  from_at: Date;
  to_at: Date | null;
}

/** The state of a spell after its events, without the org columns the loader adds. */
export interface DerivedSpell {
  spell_id: string;
  patient_id: string | null;
  site_code: string;
  patient_class: string | null;
  status: 'admitted' | 'discharged' | 'cancelled';
  admitted_at: Date | null;
  discharged_at: Date | null;
  ward_code: string | null;
  bed: string | null;
  age_years: number | null;
  sex: string | null;
  last_event_at: Date;
  stays: DerivedStay[];
}

/** Orders events as they happened: event time, then message time, then control id. */
export function compareBedEvents(a: BedEvent, b: BedEvent): number {
  return (
    a.event_at.getTime() - b.event_at.getTime() ||
    a.message_at.getTime() - b.message_at.getTime() ||
    (a.message_control_id < b.message_control_id
      ? -1
      : a.message_control_id > b.message_control_id
        ? 1
        : 0)
  );
}

/**
 * The current state of one spell from all its events, whatever order they arrived in:
 * A01 admits (opens a ward stay), A02 closes the stay and opens the next, A03 discharges
 * (closes the stay), A08 updates demographics and class without moving, A11 cancels the admit
 * (status cancelled, stays removed), A12 cancels the latest transfer (back on the prior ward),
 * A13 cancels the discharge (the last stay reopens). An A02 or A03 with no admit before it
 * opens the spell at that event, so a lost A01 does not lose the patient. Cancellations with
 * nothing to cancel change nothing. Returns null when no event ever opened the spell.
 */
export function deriveSpell(events: readonly BedEvent[]): DerivedSpell | null {
  const ordered = [...events].sort(compareBedEvents);
  let state: DerivedSpell | null = null;
  let stays: DerivedStay[] = [];
  let beforeTransfers: DerivedStay[][] = [];
  let lastEventAt: Date | null = null;

  for (const event of ordered) {
    lastEventAt = event.event_at;
    if (state === null) {
      if (event.event_type !== 'A01' && event.event_type !== 'A02' && event.event_type !== 'A03') {
        continue;
      }
      state = open(event);
      stays = [stay(event)];
      beforeTransfers = [];
      if (event.event_type === 'A03') discharge(state, stays, event);
      continue;
    }
    updateDetails(state, event);
    switch (event.event_type) {
      case 'A01':
        if (state.status === 'cancelled') {
          Object.assign(state, open(event));
          stays = [stay(event)];
          beforeTransfers = [];
        } else if (event.admitted_at !== null) {
          state.admitted_at = event.admitted_at;
        }
        break;
      case 'A02':
        if (state.status !== 'admitted') break;
        beforeTransfers.push(stays.map((s) => ({ ...s })));
        stays = closeCurrent(stays, event.event_at);
        stays.push(stay(event));
        break;
      case 'A03':
        if (state.status === 'admitted') discharge(state, stays, event);
        break;
      case 'A08':
        break;
      case 'A11':
        state.status = 'cancelled';
        state.admitted_at = null;
        state.discharged_at = null;
        stays = [];
        beforeTransfers = [];
        break;
      case 'A12': {
        const previous = state.status === 'admitted' ? beforeTransfers.pop() : undefined;
        if (previous !== undefined) stays = previous;
        break;
      }
      case 'A13':
        if (state.status !== 'discharged') break;
        state.status = 'admitted';
        state.discharged_at = null;
        if (stays.length > 0) stays[stays.length - 1]!.to_at = null;
        break;
    }
  }
  if (state === null || lastEventAt === null) return null;
  const current = state.status === 'cancelled' ? undefined : stays[stays.length - 1];
  return {
    ...state,
    ward_code: current?.ward_code ?? null,
    bed: current?.bed ?? null,
    last_event_at: lastEventAt,
    stays: state.status === 'cancelled' ? [] : nonOverlapping(stays),
  };
}

function open(event: BedEvent): DerivedSpell {
  return {
    spell_id: event.spell_id,
    patient_id: event.patient_id,
    site_code: event.sending_facility,
    patient_class: event.patient_class,
    status: 'admitted',
    admitted_at: event.admitted_at ?? event.event_at,
    discharged_at: null,
    ward_code: event.ward_code,
    bed: event.bed,
    age_years: event.age_years,
    sex: event.sex,
    last_event_at: event.event_at,
    stays: [],
  };
}

function stay(event: BedEvent): DerivedStay {
  return { ward_code: event.ward_code ?? '', bed: event.bed, from_at: event.event_at, to_at: null };
}

function discharge(state: DerivedSpell, stays: DerivedStay[], event: BedEvent): void {
  state.status = 'discharged';
  state.discharged_at = event.discharged_at ?? event.event_at;
  const last = stays[stays.length - 1];
  if (last !== undefined && last.to_at === null) last.to_at = event.event_at;
}

function closeCurrent(stays: DerivedStay[], at: Date): DerivedStay[] {
  const last = stays[stays.length - 1];
  if (last !== undefined && last.to_at === null) last.to_at = at;
  return stays;
}

function updateDetails(state: DerivedSpell, event: BedEvent): void {
  state.site_code = event.sending_facility;
  if (event.patient_id !== null) state.patient_id = event.patient_id;
  if (event.patient_class !== null) state.patient_class = event.patient_class;
  if (event.age_years !== null) state.age_years = event.age_years;
  if (event.sex !== null && event.sex !== 'U') state.sex = event.sex;
}

/**
 * Stays without a ward (an A03 that opened the spell with no location) or of zero length are
 * dropped; a stay starting at the same instant as the next one is replaced by it, since
 * ward_stay is keyed by (spell, from_at).
 */
function nonOverlapping(stays: DerivedStay[]): DerivedStay[] {
  const kept: DerivedStay[] = [];
  for (const s of stays) {
    if (s.ward_code === '') continue;
    if (s.to_at !== null && s.to_at.getTime() === s.from_at.getTime()) continue;
    const previous = kept[kept.length - 1];
    if (previous !== undefined && previous.from_at.getTime() === s.from_at.getTime()) kept.pop();
    kept.push(s);
  }
  return kept;
}
