import { describe, expect, it } from 'vitest';
import { normaliseDelayReason } from '../../../../pipelines/warehouse/reference/normalise-delay-reason.js';

describe('normaliseDelayReason(text)', () => {
  it.each([
    [
      'non-breaking spaces and an en dash',
      'Interface\u00a0process \u2013 Self-funded care package arrangements still underway',
      'Interface process - Self-funded care package arrangements still underway',
    ],
    [
      'a dash joined to the family name',
      'Care transfer hub process\u2013 Awaiting necessary referrals by care transfer hub',
      'Care transfer hub process - Awaiting necessary referrals by care transfer hub',
    ],
    [
      'a hyphen where others have an en dash',
      'Hospital process - Awaiting medical review of need for supported discharge',
      'Hospital process - Awaiting medical review of need for supported discharge',
    ],
    [
      "a '?' standing for a lost space before a bracket",
      'Interface\u00a0process \u2013 End of life care inc Fast-Track CHC arrangement still underway?(Pathway 1 or 3)',
      'Interface process - End of life care inc Fast-Track CHC arrangement still underway (Pathway 1 or 3)',
    ],
    [
      "a trailing '?'",
      'Interface\u00a0process \u2013 Homeless with no recourse to public funds?',
      'Interface process - Homeless with no recourse to public funds',
    ],
    [
      'a space before a slash and doubled spaces',
      'Wellbeing concerns \u2013 Patient\u00a0/family/carer  concerns over discharge readiness ',
      'Wellbeing concerns - Patient/family/carer concerns over discharge readiness',
    ],
  ])('normalises %s', (_, published, normal) => {
    expect(normaliseDelayReason(published)).toBe(normal);
  });

  it('is idempotent', () => {
    const once = normaliseDelayReason(
      'Capacity \u2013 Housing provision not yet available (Pathway 0 or 1)',
    );
    expect(normaliseDelayReason(once)).toBe(once);
    expect(once).toBe('Capacity - Housing provision not yet available (Pathway 0 or 1)');
  });
});
