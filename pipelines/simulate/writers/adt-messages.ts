import { formatIsoLocal } from '../local-time.js';
import type { AdtEvents, WardEvent } from '../models/inpatients.js';
import type { Spell } from '../models/spell.js';
import { formatAdtMessage } from './adt-message.js';

/** An HL7 message and the instant it describes. */
export interface TimedMessage {
  at: number;
  text: string;
}

interface SiteMessages {
  nextMessage: number;
  messages: TimedMessage[];
}

/**
 * The ADT feed of each site: every event takes the site's next message control id, and while
 * `writing` becomes an HL7 v2 message held for the site's file.
 */
export class AdtMessages implements AdtEvents {
  writing = false;
  /** Messages written. */
  count = 0;
  private readonly sites = new Map<string, SiteMessages>();

  constructor(
    private readonly icsCode: string,
    siteCodes: readonly string[],
  ) {
    for (const code of siteCodes) this.sites.set(code, { nextMessage: 1, messages: [] });
  }

  record(wardEvent: WardEvent): void {
    const { spell } = wardEvent;
    // Control ids advance whether or not the hour is written, so a feed resumed part-way
    // through (after a restart) never reuses one.
    const site = this.sites.get(spell.site.code)!;
    const controlId = spell.site.code + String(site.nextMessage++).padStart(10, '0');
    this.write(site, controlId, wardEvent);
  }

  /** An A01 for a patient already in a bed, with a control id of its own. */
  census(spell: Spell, at: number): void {
    const site = this.sites.get(spell.site.code)!;
    this.write(site, `${spell.site.code}C${spell.id}`, {
      event: 'A01',
      at,
      spell,
      ward: spell.ward.code,
    });
  }

  /** Takes the messages held for the site, in time order. */
  take(siteCode: string): TimedMessage[] {
    const site = this.sites.get(siteCode)!;
    const messages = site.messages.sort((a, b) => a.at - b.at);
    site.messages = [];
    return messages;
  }

  private write(
    site: SiteMessages,
    controlId: string,
    { event, at, spell, ward, priorWard, dischargedAt }: WardEvent,
  ): void {
    if (!this.writing) return;
    const p = spell.person;
    const year = Number(formatIsoLocal(spell.admittedAt).slice(0, 4)) - p.age;
    this.count++;
    site.messages.push({
      at,
      text: formatAdtMessage({
        event,
        controlId,
        siteCode: spell.site.code,
        icsCode: this.icsCode,
        at,
        nhsNumber: p.nhsNumber,
        birthDate: String(year) + p.birthMonthDay,
        sex: p.sexCode === '2' ? 'F' : 'M',
        spellId: spell.id,
        ward,
        bed: 'B' + String(spell.bed).padStart(2, '0'),
        priorWard,
        admittedAt: spell.admittedAt,
        dischargedAt,
      }),
    });
  }
}
