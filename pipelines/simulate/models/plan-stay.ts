import { delayReasons } from '../delay-reasons.js';
import { day, floorMinute, hour, minute } from '../durations.js';
import { londonDate, londonHour, londonMidnightUtc } from '../local-time.js';
import type { Random } from '../random.js';
import {
  dischargeGoShares,
  dischargeWeekdayProfile,
  losMedianDays,
  losSigma,
  pathwayShares,
  winterOccupancy,
} from './calibration.js';
import type { Spell } from './spell.js';

const reasonsByPathway: string[][] = [0, 1, 2, 3].map((p) =>
  delayReasons.filter((r) => {
    const m = /Pathway ([0-9][^)]*)\)/.exec(r);
    if (!m) return false;
    const spec = m[1]!;
    if (spec.includes('-')) return p >= Number(spec[0]) && p <= Number(spec[spec.length - 1]);
    return spec.split(' or ').map(Number).includes(p);
  }),
);
const generalReasons = delayReasons.filter((r) => !/Pathway/.test(r));
const goShares = dischargeGoShares(dischargeWeekdayProfile);

/**
 * Settles the stay of a spell admitted at `at`: when the patient is clinically ready (a
 * length of stay by age, shorter when adult G&A `bedOccupancy` is over the trust's target for
 * the time of year and longer under it), for an adult the discharge pathway and whether
 * discharge waits past the ready day (longer for pathways 2–3, times the local authority's
 * `laDelayFactor`), with its reason; and when they leave: a few hours after ready in the
 * daytime, or on the day a delay ends, each day's leavers thinned to the weekday pattern of
 * discharges (those put off go on a later day).
 */
export function planStay(
  spell: Spell,
  at: number,
  bedOccupancy: number,
  laDelayFactor: number,
  r: Random,
): void {
  const age = spell.person.age;
  const target = spell.trust.targetOccupancy + winterOccupancy(dayOfYear(londonDate(at)));
  const pressure = Math.min(1.1, Math.max(0.6, 1 - 8 * (bedOccupancy - target)));
  const clinicalDays = r.logNormal(losMedianDays(age), losSigma) * pressure;
  spell.readyAt = floorMinute(at + clinicalDays * day);
  spell.readyDate = londonDate(spell.readyAt);
  let delayDays = 0;
  if (spell.isAdult) {
    const shares = pathwayShares(age);
    const v = r.next();
    spell.pathway = v < shares[0] ? 0 : v < shares[0] + shares[1] ? 1 : v < 1 - shares[3] ? 2 : 3;
    const delayed = r.next() < [0.05, 0.3, 0.95, 0.97][spell.pathway]!;
    if (delayed) {
      const mean = [1.0, 1.3, 6.3, 10.3][spell.pathway]! * laDelayFactor;
      delayDays = Math.max(1, Math.round(r.exponential(mean * pressure)));
      const specific = reasonsByPathway[spell.pathway]!;
      const pool = specific.length > 0 && r.next() < 0.6 ? specific : generalReasons;
      spell.delayReason = pool[r.int(pool.length)]!;
    }
  }
  if (delayDays === 0) {
    let t = spell.readyAt + r.logNormal(150, 0.5) * minute;
    const h = londonHour(t);
    if (h >= 21 || h < 8) {
      const base = londonMidnightUtc(londonDate(h >= 21 ? t + 6 * hour : t));
      t = base + (9 + r.next() * 8) * hour;
    }
    spell.dischargeAt = floorMinute(Math.max(t, at + 2 * hour));
  } else {
    const base = londonMidnightUtc(spell.readyDate) + delayDays * day + 2 * hour;
    spell.dischargeAt = floorMinute(
      londonMidnightUtc(londonDate(base)) + (10 + r.next() * 9) * hour,
    );
  }
  putOffToWeekday(spell, r);
}

/**
 * Puts the spell's discharge off a day at a time while the day's share of leavers does not
 * take it (none is put off from a Friday). A patient with no delay is found ready on the day
 * they leave (fewer are reviewed at the weekend); a delayed one waits on.
 */
function putOffToWeekday(spell: Spell, r: Random): void {
  let date = londonDate(spell.dischargeAt);
  let putOff = false;
  while (r.next() >= goShares[weekday(date)]!) {
    date = londonDate(londonMidnightUtc(date) + day + 2 * hour);
    putOff = true;
  }
  if (!putOff) return;
  const morning = londonMidnightUtc(date) + 8 * hour;
  spell.dischargeAt = floorMinute(morning + (2 + r.next() * 8) * hour);
  if (!spell.delayReason) {
    spell.readyAt = floorMinute(morning + r.next() * 2 * hour);
    spell.readyDate = date;
  }
}

/** Monday 0 … Sunday 6 of a YYYY-MM-DD date. */
function weekday(date: string): number {
  return (new Date(date + 'T12:00:00Z').getUTCDay() + 6) % 7;
}

/** Day of the year of a YYYY-MM-DD date, 0 on 1 January. */
function dayOfYear(date: string): number {
  return (Date.parse(date) - Date.parse(date.slice(0, 4) + '-01-01')) / day;
}
