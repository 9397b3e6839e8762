import { day } from '../durations.js';
import { londonMidnightUtc } from '../local-time.js';
import type { Spell } from './spell.js';

/**
 * The adult spells the daily discharge file lists: those discharged since the last file, and
 * those clinically ready but still in a bed at the end of their ready day, every day until
 * they leave.
 */
export class DischargeList {
  private readonly waiting = new Set<Spell>();
  private discharged: Spell[] = [];

  /** On the spell's ready time: it waits if its discharge is after its ready day. */
  ready(spell: Spell): void {
    if (spell.dischargeAt >= londonMidnightUtc(spell.readyDate) + day) this.waiting.add(spell);
  }

  leave(spell: Spell): void {
    this.waiting.delete(spell);
    if (spell.isAdult) this.discharged.push(spell);
  }

  /**
   * The day's list: the spells discharged since the last call, then those waiting that were
   * ready by `date` (YYYY-MM-DD).
   */
  takeDay(date: string): { discharged: Spell[]; waiting: Spell[] } {
    const discharged = this.discharged;
    this.discharged = [];
    const waiting: Spell[] = [];
    for (const s of this.waiting) if (s.readyDate <= date) waiting.push(s);
    return { discharged, waiting };
  }
}
