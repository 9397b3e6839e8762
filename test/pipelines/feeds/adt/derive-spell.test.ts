import { describe, expect, it } from 'vitest';
import { deriveSpell, type BedEvent } from '../../../../pipelines/feeds/adt/index.js';

let sequence = 0;
function event(type: BedEvent['event_type'], hour: number, ward: string | null = null): BedEvent {
  sequence += 1;
  const at = new Date(Date.UTC(2025, 0, 10, hour));
  return {
    message_control_id: `c${String(sequence).padStart(4, '0')}`,
    event_type: type,
    event_at: at,
    message_at: at,
    sending_facility: 'XT101',
    spell_id: 'S1',
    patient_id: 'p',
    patient_class: 'I',
    ward_code: ward,
    bed: null,
    admitted_at: null,
    discharged_at: null,
    age_years: 50,
    sex: 'F',
  };
}

const stays = (events: BedEvent[]) =>
  deriveSpell(events)?.stays.map(
    (s) => `${s.ward_code} ${s.from_at.getUTCHours()}-${s.to_at?.getUTCHours() ?? ''}`,
  );

describe('deriveSpell(events)', () => {
  it('returns null for a spell no admit, transfer or discharge opened', () => {
    expect(deriveSpell([event('A08', 1), event('A11', 2), event('A13', 3)])).toBeNull();
  });

  it('opens the spell at a transfer whose admit never arrived', () => {
    const spell = deriveSpell([event('A02', 5, 'W2'), event('A03', 9)]);
    expect(spell).toMatchObject({ status: 'discharged', ward_code: 'W2' });
    expect(stays([event('A02', 5, 'W2'), event('A03', 9)])).toEqual(['W2 5-9']);
  });

  it('ignores an A12 with no transfer to cancel and an A13 with no discharge', () => {
    const events = [event('A01', 1, 'W1'), event('A12', 2), event('A13', 3)];
    expect(deriveSpell(events)).toMatchObject({ status: 'admitted', ward_code: 'W1' });
    expect(stays(events)).toEqual(['W1 1-']);
  });

  it('undoes transfers one by one with repeated A12s', () => {
    const events = [
      event('A01', 1, 'W1'),
      event('A02', 2, 'W2'),
      event('A02', 3, 'W3'),
      event('A12', 4),
      event('A02', 5, 'W1'),
      event('A12', 6),
      event('A12', 7),
    ];
    expect(stays(events)).toEqual(['W1 1-']);
    expect(stays(events.slice(0, 5))).toEqual(['W1 1-2', 'W2 2-5', 'W1 5-']);
  });

  it('drops a zero-length stay when a transfer happens at the admission instant', () => {
    expect(stays([event('A01', 1, 'W1'), event('A02', 1, 'W2')])).toEqual(['W2 1-']);
  });

  it('does not reopen a cancelled spell on a transfer, only on a new admit', () => {
    const events = [event('A01', 1, 'W1'), event('A11', 2), event('A02', 3, 'W2')];
    expect(deriveSpell(events)).toMatchObject({ status: 'cancelled', ward_code: null, stays: [] });
    expect(deriveSpell([...events, event('A01', 4, 'W3')])).toMatchObject({
      status: 'admitted',
      ward_code: 'W3',
    });
  });

  it('orders ties on event time by message time, then control id', () => {
    const a = event('A02', 2, 'W2');
    const b = { ...event('A02', 2, 'W3'), message_at: new Date(Date.UTC(2025, 0, 10, 1)) };
    expect(deriveSpell([event('A01', 1, 'W1'), a, b])?.ward_code).toBe('W2');
  });
});
