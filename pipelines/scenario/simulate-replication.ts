import { normalCdf, normalQuantile } from './normal-distribution.js';
import type { SiteLevers } from './resolve-levers.js';
import type { ScenarioSeed } from './scenario-seed.js';
import { StreamRandom } from './stream-random.js';
import type { WeekToWeekSpread } from './week-to-week-sd.js';

/** What a replication records per site and hour: flows in the hour, patients at its end. */
export const replicationMeasures = [
  'arrivals',
  'ambulance_arrivals',
  'handovers_over_30',
  'handovers_over_60',
  'handover_minutes',
  'departures',
  'within_4h',
  'over_12h',
  'admissions',
  'in_department',
  'over_12h_in_department',
  'ga_occupied',
  'ga_beds_open',
  'nctr_patients',
] as const;
export type ReplicationMeasure = (typeof replicationMeasures)[number];
const M = Object.fromEntries(replicationMeasures.map((m, i) => [m, i])) as Record<
  ReplicationMeasure,
  number
>;
const measureCount = replicationMeasures.length;

/** One replication's inputs: the seed, the levers of this run, and what is shared with its pair. */
export interface ReplicationInput {
  seed: ScenarioSeed;
  levers: SiteLevers[];
  /** Per site and hour, the largest arrivals factor of the pair of runs (≥ 1): candidates are drawn at this rate and thinned. */
  envelope: number[][];
  /** The Europe/London hour of day of each simulated hour's start. */
  local_hours: number[];
  replication: number;
  random_seed: number;
}

interface EdPatient {
  site: number;
  arrived: number;
  admitted: boolean;
  z: number;
  uWard: number;
  uStay: number;
  uDelay: number;
  slot: number;
}

interface Inpatient {
  site: number;
  ready: number;
  discharge: number;
  pathway: number;
  slot: number;
  gone: boolean;
}

const enum Kind {
  Decide,
  Depart,
  Discharge,
  Extra,
}

interface SimEvent {
  t: number;
  seq: number;
  kind: Kind;
  patient?: EdPatient;
  inpatient?: Inpatient;
  site?: number;
  lever?: number;
}

class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  push(event: Omit<SimEvent, 'seq'>): void {
    const item = event as SimEvent;
    item.seq = this.seq++;
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  peekTime(): number {
    return this.heap.length > 0 ? this.heap[0].t : Infinity;
  }

  pop(): SimEvent {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** Index of the first value > `min` in an ascending array. */
function firstAbove(sorted: readonly number[], min: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > min) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const pick = (values: readonly number[], u: number): number =>
  values[Math.min(values.length - 1, Math.floor(u * values.length))];

/**
 * One replication of the scenario: a discrete-event simulation of every site's ED and G&A beds
 * from the seed's state for `seed.hours` hours, with arrivals from the forecast (thinned from the
 * shared envelope), ED journeys and stays drawn from the fitted pools, boarding from the fitted
 * exit block, and the levers. Every patient, hour and site draws from its own keyed stream, so two
 * runs of a pair differ only by what their levers change. Returns site × measure × hour values
 * (index `(site * measures + measure) * hours + hour`).
 */
export function simulateReplication(input: ReplicationInput): Float64Array {
  const { seed, levers, envelope, local_hours: localHours, replication, random_seed: key } = input;
  const sites = seed.sites;
  const H = seed.hours;
  const out = new Float64Array(sites.length * measureCount * H);
  const add = (site: number, measure: number, hour: number, value = 1): void => {
    if (hour >= 0 && hour < H) out[(site * measureCount + measure) * H + hour] += value;
  };
  const queue = new EventQueue();
  const ed: EdPatient[][] = sites.map(() => []);
  const wards: Inpatient[][] = sites.map(() => []);
  // Each replication's own level of arrivals, stays and boarding, drawn from their week-to-week spread.
  const levels = sites.map((site, s) => {
    const r = new StreamRandom(key, replication, s, 7);
    return {
      arrivals: Math.exp(drawLevel(site.arrival_level, r)),
      stays: Math.exp(drawLevel(site.stay_level, r)),
      boarding: drawLevel(site.boarding_level, r),
    };
  });
  // Local (Europe/London) midnights: the offset of each simulated hour from its local hour; times
  // before the start or after the horizon take the nearest hour's offset.
  const startUtcMinute = (Date.parse(seed.at) / 60_000) % 1440;
  const offsets = localHours.map((local, h) => {
    const utc = Math.floor((startUtcMinute + h * 60) / 60) % 24;
    return (((local - utc) % 24) + 24) % 24 === 1 ? 60 : 0;
  });
  const offsetAt = (t: number) => offsets[Math.min(H - 1, Math.max(0, Math.floor(t / 60)))];
  const dayStart = (t: number): number => {
    const midnight = t - ((((startUtcMinute + t + offsetAt(t)) % 1440) + 1440) % 1440);
    // On the day of a clock change the midnight keeps the offset it had.
    return midnight - (offsetAt(midnight) - offsetAt(t));
  };
  // The local day of the week (Monday 0) of the local day holding t.
  const startWeekday = (new Date(Date.parse(seed.at) + offsets[0] * 60_000).getUTCDay() + 6) % 7;
  const weekdayAt = (t: number): number =>
    (((startWeekday + Math.round((dayStart(t) - dayStart(0)) / 1440)) % 7) + 7) % 7;
  /** The local midnight `n` days after the one of t (a clock change between kept). */
  const daysAfter = (t: number, n: number): number => dayStart(dayStart(t) + n * 1440 + 720);
  /**
   * A discharge due at `due` put off a day at a time while the day's go share (of patients who
   * `waited` past their ready date, or of the others) does not take it (`v` uniform): the discharge, at the same local time on the day it goes, and the days put off.
   */
  const putOff = (s: number, waited: boolean, due: number, v: number): [number, number] => {
    const go = sites[s].discharge_go_share[waited ? 1 : 0];
    const weekday = weekdayAt(due);
    let x = v;
    let staying = 1;
    let on = 6;
    for (let k = 0; k < 7; k++) {
      const goes = staying * go[(weekday + k) % 7];
      if (x < goes) {
        on = k;
        break;
      }
      x -= goes;
      staying -= goes;
    }
    return on === 0 ? [due, 0] : [daysAfter(due, on) + (due - dayStart(due)), on];
  };
  /**
   * Ready (Infinity: never recorded) and discharge times of stay `k` of the site's pool for a
   * patient admitted at `admitted`: the pool's local days from admission to the ready date and to
   * the day the discharge was due (scaled by the replication's stay level, rounded without bias
   * by `u`), the discharge at the pool's local time of day, then put off to a day of the week that
   * takes it. The day it was due is the pool's discharge day less the days it was put off, drawn
   * from the go shares given the weekday it went on. A patient whose discharge waited on nothing
   * but the day is found ready on the day they go. Ready counts from the ready date's midnight.
   */
  const stayTimes = (
    s: number,
    k: number,
    admitted: number,
    u: number,
    r: StreamRandom,
  ): [number, number] => {
    const site = sites[s];
    const level = levels[s].stays;
    const base = dayStart(admitted);
    // The local midnight `n` days on (scaled), found again there so a clock change between is kept.
    const days = (n: number) => dayStart(base + Math.floor(n * level + u) * 1440 + 720);
    const readyDays = site.stay_ready_days[k];
    const dischargeDays = site.stay_discharge_days[k];
    const recorded = site.stay_pathway[k] >= 0 && readyDays >= 0;
    const waited = recorded && readyDays < dischargeDays;
    const back = daysPutOff(
      site.discharge_go_share[waited ? 1 : 0],
      site.stay_discharge_weekday[k] ?? 0,
      dischargeDays - (waited ? readyDays : 0),
      r.next(),
    );
    const dueDays = dischargeDays - back;
    let ready = recorded ? Math.max(admitted, days(waited ? readyDays : dueDays)) : Infinity;
    let discharge = days(dueDays) + site.stay_discharge_minute[k];
    if (discharge <= admitted) discharge = admitted + site.stay_hours[k] * 60 * level;
    if (discharge < ready && ready !== Infinity) discharge = ready + site.stay_discharge_minute[k];
    const [goes, on] = putOff(s, waited, discharge, r.next());
    if (on > 0 && !waited && ready !== Infinity) ready = Math.max(ready, dayStart(goes));
    return [ready, goes];
  };
  const bedsAt = (s: number, t: number): number => {
    let beds = 0;
    for (const lever of levers[s].beds) if (lever.start * 60 <= t) beds += lever.beds;
    return beds;
  };
  const occupancyRatio = (s: number, t: number): number => {
    const core = sites[s].ga_beds_core + bedsAt(s, t);
    return core > 0 ? wards[s].length / core : 1;
  };

  /** A patient on a ward of site s, their discharge (any delay cut by the levers) queued. */
  const placeOnWard = (s: number, ready: number, discharge: number, pathway: number): void => {
    const inpatient: Inpatient = {
      site: s,
      ready,
      discharge: cutDelay(levers[s], pathway, ready, discharge),
      pathway,
      slot: wards[s].length,
      gone: false,
    };
    wards[s].push(inpatient);
    queue.push({ t: inpatient.discharge, kind: Kind.Discharge, inpatient });
  };
  const admitToWard = (s: number, t: number, uStay: number, u: number): void => {
    const n = sites[s].stay_hours.length;
    const k = Math.min(n - 1, Math.floor(uStay * n));
    // The patient's own stream for the days of the week, keyed by their stay draw.
    const r = new StreamRandom(key, replication, s, 8, Math.floor(uStay * 2 ** 32));
    const [ready, discharge] = n > 0 ? stayTimes(s, k, t, u, r) : [Infinity, t + 96 * 60];
    placeOnWard(s, ready, discharge, n > 0 ? sites[s].stay_pathway[k] : -1);
  };
  const leaveWard = (inpatient: Inpatient): void => {
    const list = wards[inpatient.site];
    const last = list.pop()!;
    if (last !== inpatient) {
      list[inpatient.slot] = last;
      last.slot = inpatient.slot;
    }
    inpatient.gone = true;
  };
  const enterEd = (p: EdPatient): void => {
    p.slot = ed[p.site].length;
    ed[p.site].push(p);
  };
  const leaveEd = (p: EdPatient): void => {
    const list = ed[p.site];
    const last = list.pop()!;
    if (last !== p) {
      list[p.slot] = last;
      last.slot = p.slot;
    }
  };
  const boardingMinutes = (s: number, t: number, z: number): number => {
    const fit = sites[s].boarding;
    return Math.exp(
      fit.intercept + levels[s].boarding + fit.slope * occupancyRatio(s, t) + fit.sigma * z,
    );
  };

  // The state at the start.
  sites.forEach((site, s) => {
    site.ed_patients.forEach((seeded, i) => {
      const r = new StreamRandom(key, replication, s, 5, i);
      const p: EdPatient = {
        site: s,
        arrived: -seeded.waited_minutes,
        admitted: false,
        z: 0,
        uWard: r.next(),
        uStay: r.next(),
        uDelay: r.next(),
        slot: 0,
      };
      enterEd(p);
      if (seeded.decided_minutes >= 0) {
        // Boarding already under way: the rest of a log-normal wait longer than it has been.
        p.admitted = true;
        const fit = site.boarding;
        const mu = fit.intercept + levels[s].boarding + fit.slope * occupancyRatio(s, 0);
        const floor = normalCdf((Math.log(Math.max(seeded.decided_minutes, 1)) - mu) / fit.sigma);
        const z = normalQuantile(floor + r.next() * (1 - floor) * 0.999999);
        queue.push({
          t: Math.exp(mu + fit.sigma * z) - seeded.decided_minutes,
          kind: Kind.Depart,
          patient: p,
        });
        return;
      }
      const w = seeded.waited_minutes;
      const admitShare = seeded.is_ambulance ? site.admit_share_ambulance : site.admit_share_other;
      const waits = site.wait_minutes;
      const decisions = site.decision_minutes;
      const waitTail = waits.length - firstAbove(waits, w);
      const decisionTail = decisions.length - firstAbove(decisions, w);
      const weightAdmit = decisions.length > 0 ? (admitShare * decisionTail) / decisions.length : 0;
      const weightHome = waits.length > 0 ? ((1 - admitShare) * waitTail) / waits.length : 0;
      const u = r.next();
      const v = r.next();
      p.z = r.normal();
      if (weightAdmit + weightHome <= 0) {
        queue.push({ t: r.exponential(60), kind: Kind.Depart, patient: p });
      } else if (u * (weightAdmit + weightHome) < weightAdmit) {
        p.admitted = true;
        const from = decisions.length - decisionTail;
        queue.push({
          t: decisions[from + Math.floor(v * decisionTail)] - w,
          kind: Kind.Decide,
          patient: p,
        });
      } else {
        const from = waits.length - waitTail;
        queue.push({
          t: waits[from + Math.floor(v * waitTail)] - w,
          kind: Kind.Depart,
          patient: p,
        });
      }
    });
    site.inpatients.forEach((seeded, i) => {
      const r = new StreamRandom(key, replication, s, 6, i);
      const u = r.next();
      let ready: number;
      let discharge: number;
      let pathway = seeded.pathway;
      if (seeded.ready_hours >= 0) {
        // Waiting already: the rest of a delay on their pathway longer than it has been.
        const delays = site.delay_hours[Math.max(0, pathway)] ?? [];
        const from = firstAbove(delays, seeded.ready_hours);
        const total =
          from < delays.length
            ? delays[from + Math.floor(u * (delays.length - from))]
            : seeded.ready_hours + r.exponential(24);
        ready = -seeded.ready_hours * 60;
        // The delays drawn were put off to days that take discharges: back to the day due (not
        // before today), then on to a day that takes it.
        const drawn = ready + total * 60 * levels[s].stays;
        const waited = dayStart(drawn) > dayStart(ready);
        const back = daysPutOff(
          site.discharge_go_share[waited ? 1 : 0],
          weekdayAt(drawn),
          Math.max(0, Math.round((dayStart(drawn) - dayStart(Math.max(0, ready))) / 1440)),
          r.next(),
        );
        const due = back > 0 ? daysAfter(drawn, -back) + (drawn - dayStart(drawn)) : drawn;
        discharge = putOff(s, waited, due, r.next())[0];
      } else {
        // Not ready by today (no record says so): a stay longer than theirs so far, ready from a
        // local midnight still to come.
        const clinical = site.stay_clinical_hours;
        const from = firstAbove(clinical, seeded.stayed_hours);
        const nextMidnight = dayStart(0) + 1440;
        if (clinical.length === 0) {
          ready = Infinity;
          discharge = r.exponential(96 * 60);
        } else if (from < clinical.length) {
          const k = from + Math.floor(u * (clinical.length - from));
          [ready, discharge] = stayTimes(s, k, -seeded.stayed_hours * 60, r.next(), r);
          pathway = site.stay_pathway[k];
        } else {
          const k = Math.floor(u * clinical.length);
          [ready, discharge] = stayTimes(s, k, dayStart(0), r.next(), r);
          pathway = site.stay_pathway[k];
        }
        if (ready !== Infinity) ready = Math.max(ready, nextMidnight);
        if (discharge < ready && ready !== Infinity) discharge = ready + r.exponential(12 * 60);
      }
      if (discharge <= 0) discharge = r.exponential(12 * 60);
      placeOnWard(s, ready, discharge, pathway);
    });
    levers[s].extra_discharges.forEach((lever, index) => {
      for (let h = lever.start; h < H; h++)
        if (localHours[h] === 11)
          queue.push({ t: h * 60, kind: Kind.Extra, site: s, lever: index });
    });
  });

  const recordArrival = (s: number, t: number, p: EdPatient, handover: number): void => {
    const hour = Math.floor(t / 60);
    add(s, M.arrivals, hour);
    if (handover >= 0) {
      add(s, M.ambulance_arrivals, hour);
      add(s, M.handover_minutes, hour, handover);
      if (handover > 30) add(s, M.handovers_over_30, hour);
      if (handover > 60) add(s, M.handovers_over_60, hour);
    }
    enterEd(p);
  };

  const handle = (event: SimEvent): void => {
    const t = event.t;
    const hour = Math.floor(t / 60);
    switch (event.kind) {
      case Kind.Decide: {
        const p = event.patient!;
        queue.push({ t: t + boardingMinutes(p.site, t, p.z), kind: Kind.Depart, patient: p });
        break;
      }
      case Kind.Depart: {
        const p = event.patient!;
        leaveEd(p);
        const wait = t - p.arrived;
        add(p.site, M.departures, hour);
        if (wait <= 240) add(p.site, M.within_4h, hour);
        if (wait > 720) add(p.site, M.over_12h, hour);
        const site = sites[p.site];
        if (p.admitted && p.uWard < site.ward_share && site.ga_beds_core > 0) {
          admitToWard(p.site, t, p.uStay, p.uDelay);
          add(p.site, M.admissions, hour);
        }
        break;
      }
      case Kind.Discharge: {
        const inpatient = event.inpatient!;
        if (!inpatient.gone) leaveWard(inpatient);
        break;
      }
      case Kind.Extra: {
        const s = event.site!;
        const lever = levers[s].extra_discharges[event.lever!];
        const waiting = wards[s]
          .filter((w) => w.pathway === lever.pathway && w.ready <= t)
          .sort((a, b) => a.ready - b.ready || a.discharge - b.discharge);
        for (const inpatient of waiting.slice(0, lever.per_day)) leaveWard(inpatient);
        break;
      }
    }
  };

  for (let h = 0; h < H; h++) {
    // This hour's arrivals, candidates drawn at the envelope's rate and thinned to this run's.
    sites.forEach((site, s) => {
      const mean = site.arrival_mean[h] * levels[s].arrivals * envelope[s][h];
      const extra = site.arrival_extra_variance[h] * (levels[s].arrivals * envelope[s][h]) ** 2;
      const hourStream = new StreamRandom(key, replication, s, 1, h);
      const noise = extra > 0 && mean > 0 ? hourStream.gammaMeanOne((mean * mean) / extra) : 1;
      const n = hourStream.poisson(mean * noise);
      const keep = arrivalFactor(levers[s], h) / envelope[s][h];
      for (let k = 0; k < n; k++) {
        const r = new StreamRandom(key, replication, s, 2, h, k);
        const t = (h + r.next()) * 60;
        const kept = r.next() < keep;
        const ambulance = r.next() < site.ambulance_share;
        const admitted =
          r.next() < (ambulance ? site.admit_share_ambulance : site.admit_share_other);
        const uDivert = r.next();
        const uWait = r.next();
        const uHandover = r.next();
        const p: EdPatient = {
          site: s,
          arrived: t,
          admitted,
          z: r.normal(),
          uWard: r.next(),
          uStay: r.next(),
          uDelay: r.next(),
          slot: 0,
        };
        if (!kept) continue;
        if (ambulance) p.site = divertedTo(levers[s], s, h, uDivert);
        const at = sites[p.site];
        let handover = -1;
        if (ambulance && at.handover_minutes.length > 0)
          handover = Math.min(pick(at.handover_minutes, uHandover), handoverCap(levers[p.site], h));
        recordArrival(p.site, t, p, handover);
        if (admitted && at.decision_minutes.length > 0) {
          queue.push({ t: t + pick(at.decision_minutes, uWait), kind: Kind.Decide, patient: p });
        } else {
          p.admitted = false;
          const wait = at.wait_minutes.length > 0 ? pick(at.wait_minutes, uWait) : 120;
          queue.push({ t: t + wait, kind: Kind.Depart, patient: p });
        }
      }
      if (site.other_admissions_per_hour > 0 && site.ga_beds_core > 0) {
        const others = new StreamRandom(key, replication, s, 3, h);
        const count = others.poisson(site.other_admissions_per_hour);
        for (let k = 0; k < count; k++) {
          const uStay = others.next();
          const t = (h + others.next()) * 60;
          admitToWard(s, t, uStay, others.next());
          add(s, M.admissions, h);
        }
      }
    });
    const end = (h + 1) * 60;
    while (queue.peekTime() < end) handle(queue.pop());
    sites.forEach((site, s) => {
      add(s, M.in_department, h, ed[s].length);
      let long = 0;
      for (const p of ed[s]) if (p.arrived < end - 720) long++;
      add(s, M.over_12h_in_department, h, long);
      add(s, M.ga_occupied, h, wards[s].length);
      let nctr = 0;
      for (const w of wards[s]) if (w.ready <= end) nctr++;
      add(s, M.nctr_patients, h, nctr);
      add(s, M.ga_beds_open, h, site.ga_beds_core + site.ga_beds_escalation + bedsAt(s, end));
    });
  }
  return out;
}

/**
 * Days a discharge that went on `weekday` (Monday 0) had been put off, drawn by `v` (uniform)
 * given the go shares, at most `most`: with as many due every day, j days with chance in
 * proportion to the product of 1 − go over the j days before.
 */
function daysPutOff(go: readonly number[], weekday: number, most: number, v: number): number {
  const weights = [1];
  for (let j = 1; j <= Math.min(6, most); j++) {
    const w = weights[j - 1] * (1 - go[(weekday - j + 14) % 7]);
    if (!(w > 0)) break;
    weights.push(w);
  }
  let x = v * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < weights.length; j++) {
    x -= weights[j];
    if (x < 0) return j;
  }
  return weights.length - 1;
}

/**
 * A replication's level (log scale) for a behaviour whose weekly level varied with spread `sd`
 * over `weeks` weeks: drawn from the predictive distribution of a new week's level,
 * sd·√(1 + 1/weeks)·t(weeks − 1), so a spread estimated from few weeks widens the ranges.
 */
function drawLevel(spread: WeekToWeekSpread, r: StreamRandom): number {
  const z = r.normal();
  if (spread.weeks < 2 || spread.sd <= 0) return 0;
  const df = spread.weeks - 1;
  const chi = (r.gammaMeanOne(df / 2) * df) / df;
  return spread.sd * Math.sqrt(1 + 1 / spread.weeks) * (z / Math.sqrt(chi));
}

/** The arrivals factor of a site's levers in an hour (1: no change). */
export function arrivalFactor(levers: SiteLevers, hour: number): number {
  let factor = 1;
  for (const lever of levers.arrivals) if (lever.start <= hour) factor *= lever.factor;
  return factor;
}

function handoverCap(levers: SiteLevers, hour: number): number {
  let cap = Infinity;
  for (const lever of levers.handover_cap)
    if (lever.start <= hour) cap = Math.min(cap, lever.minutes);
  return cap;
}

function divertedTo(levers: SiteLevers, site: number, hour: number, u: number): number {
  let cumulative = 0;
  for (const lever of levers.divert) {
    if (lever.start > hour) continue;
    cumulative += lever.share;
    if (u < cumulative) return lever.to;
  }
  return site;
}

/** The discharge time once the levers' cuts in delays (from each lever's start) are applied. */
function cutDelay(levers: SiteLevers, pathway: number, ready: number, discharge: number): number {
  let result = discharge;
  for (const lever of levers.nctr_cut) {
    if (lever.pathway !== -1 && lever.pathway !== pathway) continue;
    if (pathway < 0) continue;
    const from = Math.max(ready, lever.start * 60);
    if (result > from) result = from + (result - from) * lever.factor;
  }
  return result;
}
