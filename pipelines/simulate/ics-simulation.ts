import type { AdtEvent } from '../feeds/adt/format.js';
import { formatAdtMessage } from './adt-message.js';
import { formatAeRow, type Attendance } from './ae-row.js';
import { delayReasons } from './delay-reasons.js';
import {
  formatIsoLocal,
  londonDate,
  londonHour,
  londonMidnightUtc,
  londonWallMs,
} from './local-time.js';
import {
  admitProbability,
  ageBands,
  attendancesPerPersonYear,
  attendanceWeight,
  ethnicGroups,
  hourProfile,
  longestAdmittedStayMinutes,
  losMedianDays,
  losSigma,
  nhs111OnlineShare,
  pathwayShares,
  seasonalFactor,
  targetOccupancy,
  weekdayProfile,
} from './model.js';
import { nhsNumberFor } from './nhs-number.js';
import type { Random } from './random.js';
import type { SyntheticReference } from './read-reference.js';

const minute = 60_000;
const hour = 3_600_000;
const day = 86_400_000;

type BedType = 'adult_ga' | 'paed_ga' | 'adult_cc';
const bedTypes: BedType[] = ['adult_ga', 'paed_ga', 'adult_cc'];

interface Ward {
  code: string;
  type: BedType;
  capacity: number;
  free: number[];
  extra: number;
  occupied: number;
}

interface Site {
  code: string;
  trustCode: string;
  type: '01' | '03';
  inDept: number;
  crowdEma: number;
  crowdHours: number;
  ae: string[];
  adt: Array<{ at: number; text: string }>;
  wards: Record<BedType, Ward[]>;
  occupied: Record<BedType, number>;
  core: Record<BedType, number>;
  escalation: Record<BedType, number>;
  inpatients: Set<Spell>;
  nextAttendance: number;
  nextMessage: number;
}

interface Trust {
  code: string;
  name: string;
  ed: Site;
  utc: Site | undefined;
  nextSpell: number;
  /** MSitAE counters in the order of the published columns 5–22. */
  monthly: number[];
}

interface Person {
  index: number;
  age: number;
  sexCode: '1' | '2';
  ethnicCategory: string;
  lsoaCode: string;
  decile: number;
  laIndex: number;
  nhsNumber: string;
  birthMonthDay: string;
}

interface Spell {
  id: string;
  site: Site;
  trust: Trust;
  person: Person;
  admittedAt: number;
  ward: Ward;
  bed: number;
  readyAt: number;
  readyDate: string;
  dischargeAt: number;
  pathway: number;
  delayReason: string;
  isAdult: boolean;
}

const enum Kind {
  Depart,
  Partial,
  Admit,
  Transfer,
  Update,
  Ready,
  Discharge,
}

interface SimEvent {
  t: number;
  seq: number;
  kind: Kind;
  attendance?: Attendance;
  spell?: Spell;
  ward?: BedType;
}

/** The daily and monthly outputs an ICS contributes to the region's files. */
export interface IcsDailyOutputs {
  sitrepRows(snapshotDate: string, at: number): string[];
  dischargeRows(date: string): string[];
  monthlyRows(period: string, parentOrg: string, reset?: boolean): Array<Array<string | number>>;
}

const ethnicCategories: Record<string, string[]> = {
  White: ['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'B', 'C', 'C', 'C'],
  Mixed: ['D', 'E', 'F', 'G'],
  Asian: ['H', 'H', 'J', 'J', 'K', 'L'],
  Black: ['M', 'N', 'N', 'P'],
  Other: ['R', 'S', 'S'],
};

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

function mix(x: number): number {
  let h = Math.imul(x ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const floorMinute = (t: number): number => Math.floor(t / minute) * minute;

/**
 * One synthetic ICS moving hour by hour: arrivals drawn from its population, ED journeys,
 * admissions into wards with finite beds, transfers, discharges with pathways and delays.
 * Everything that happens is written to per-site hourly A&E and ADT buffers; the daily and
 * monthly files are assembled by the region (see `IcsDailyOutputs`).
 */
export class IcsSimulation implements IcsDailyOutputs {
  readonly icsCode: string;
  readonly sites: Site[] = [];
  readonly trusts: Trust[] = [];
  private readonly random: Random;
  private readonly icsIndex: number;
  private readonly cumulative: Float64Array;
  private readonly cellLsoa: Int32Array;
  private readonly cellBand: Uint8Array;
  private readonly cellSex: Uint8Array;
  private readonly cellEthnic: Uint8Array;
  private readonly cellPersons: Int32Array;
  private readonly cellOffset: Int32Array;
  private readonly lsoaCodes: string[] = [];
  private readonly lsoaDecile: number[] = [];
  private readonly lsoaLa: number[] = [];
  private readonly laCodes: string[] = [];
  private readonly laFactor: number[] = [];
  private readonly perHour: number;
  private readonly buckets = new Map<number, SimEvent[]>();
  private readonly waiting = new Set<Spell>();
  private dischargedToday: Spell[] = [];
  private seq = 0;
  private readonly dailyFiles: { untilHour: number } | undefined;
  private writing = false;
  /** Counters for progress reports and tests. */
  readonly counts = { attendances: 0, spells: 0, messages: 0 };

  /**
   * `dailyFiles`: the A&E lines feed one file per day up to `until` (UTC ms), so a patient
   * still in the department is written only at the last hour of each day that recorded
   * something new.
   */
  constructor(
    reference: SyntheticReference,
    icsCode: string,
    icsIndex: number,
    random: Random,
    dailyFiles?: { until: number },
  ) {
    this.dailyFiles = dailyFiles && { untilHour: Math.ceil(dailyFiles.until / hour) };
    this.icsCode = icsCode;
    this.icsIndex = icsIndex;
    this.random = random;
    const las = reference.localAuthorities.filter((la) => la.ics_code === icsCode);
    las.forEach((la, i) => {
      this.laCodes.push(la.la_code!);
      this.laFactor.push(0.7 + (0.8 * ((i * 3 + icsIndex) % 4)) / 3);
    });
    const lsoaIndex = new Map<string, number>();
    for (const row of reference.lsoas) {
      if (row.ics_code !== icsCode) continue;
      lsoaIndex.set(row.lsoa_code!, this.lsoaCodes.length);
      this.lsoaCodes.push(row.lsoa_code!);
      this.lsoaDecile.push(Number(row.imd_decile));
      this.lsoaLa.push(Math.max(0, this.laCodes.indexOf(row.la_code!)));
    }
    const rows = reference.population.filter((r) => lsoaIndex.has(r[0]));
    const n = rows.length;
    this.cumulative = new Float64Array(n);
    this.cellLsoa = new Int32Array(n);
    this.cellBand = new Uint8Array(n);
    this.cellSex = new Uint8Array(n);
    this.cellEthnic = new Uint8Array(n);
    this.cellPersons = new Int32Array(n);
    this.cellOffset = new Int32Array(n);
    const bandIndex = new Map<string, number>(ageBands.map((b, i) => [b, i]));
    let total = 0;
    let persons = 0;
    rows.forEach((r, i) => {
      const lsoa = lsoaIndex.get(r[0])!;
      const band = bandIndex.get(r[1]) ?? 0;
      this.cellLsoa[i] = lsoa;
      this.cellBand[i] = band;
      this.cellSex[i] = r[2] === 'F' ? 2 : 1;
      this.cellEthnic[i] = Math.max(0, ethnicGroups.indexOf(r[3] as (typeof ethnicGroups)[number]));
      this.cellPersons[i] = r[4];
      this.cellOffset[i] = persons;
      persons += r[4];
      total += r[4] * attendanceWeight(band, this.lsoaDecile[lsoa]!);
      this.cumulative[i] = total;
    });
    this.perHour = (attendancesPerPersonYear * persons) / 8766;

    const orgs = reference.orgs.filter((o) => o.ics_code === icsCode);
    for (const trustRow of orgs.filter((o) => o.org_type === 'trust')) {
      const siteRows = orgs.filter(
        (o) => o.org_type === 'site' && o.trust_code === trustRow.org_code,
      );
      const makeSite = (code: string, type: '01' | '03'): Site => {
        const wards = { adult_ga: [], paed_ga: [], adult_cc: [] } as Record<BedType, Ward[]>;
        const core = { adult_ga: 0, paed_ga: 0, adult_cc: 0 };
        const escalation = { adult_ga: 0, paed_ga: 0, adult_cc: 0 };
        for (const w of reference.wards.filter((x) => x.site_code === code)) {
          const t = w.bed_type as BedType;
          if (!wards[t]) continue;
          const capacity = Number(w.core_beds) + Number(w.escalation_beds);
          const free: number[] = [];
          for (let b = capacity; b >= 1; b--) free.push(b);
          wards[t].push({
            code: w.ward_code!,
            type: t,
            capacity,
            free,
            extra: capacity,
            occupied: 0,
          });
          core[t] += Number(w.core_beds);
          escalation[t] += Number(w.escalation_beds);
        }
        const site: Site = {
          code,
          trustCode: trustRow.org_code!,
          type,
          inDept: 0,
          crowdEma: 1,
          crowdHours: 0,
          ae: [],
          adt: [],
          wards,
          occupied: { adult_ga: 0, paed_ga: 0, adult_cc: 0 },
          core,
          escalation,
          inpatients: new Set(),
          nextAttendance: 1,
          nextMessage: 1,
        };
        this.sites.push(site);
        return site;
      };
      const edRow = siteRows.find((s) => s.department_type === '01');
      const utcRow = siteRows.find((s) => s.department_type === '03');
      if (!edRow) throw new Error(`synthetic trust ${trustRow.org_code} has no type 01 site`);
      const ed = makeSite(edRow.org_code!, '01');
      const utc = utcRow ? makeSite(utcRow.org_code!, '03') : undefined;
      this.trusts.push({
        code: trustRow.org_code!,
        name: trustRow.org_name!,
        ed,
        utc,
        nextSpell: 1,
        monthly: new Array<number>(18).fill(0),
      });
    }
    if (this.trusts.length === 0) throw new Error(`no synthetic trusts for ICS ${icsCode}`);
  }

  /** Simulates the hour starting at `start` (UTC ms); writes feed lines when `writing`. */
  step(start: number, writing: boolean): void {
    this.writing = writing;
    this.arrive(start);
    const key = start / hour;
    for (;;) {
      const events = this.buckets.get(key);
      if (!events || events.length === 0) break;
      this.buckets.delete(key);
      events.sort((a, b) => a.t - b.t || a.seq - b.seq);
      for (const event of events) this.handle(event);
    }
    for (const site of this.sites) {
      site.crowdHours++;
      const alpha = Math.max(1 / site.crowdHours, 1 / 336);
      site.crowdEma += (site.inDept - site.crowdEma) * alpha;
    }
  }

  /** At the first hour written: an A01 census of the patients already in beds. */
  census(at: number): void {
    for (const site of this.sites) {
      for (const spell of site.inpatients)
        this.message(site, 'A01', at, spell, spell.ward.code, undefined, undefined, true);
    }
  }

  /** Takes the hourly A&E and ADT lines buffered per site. */
  drain(): Array<{ site: string; ae: string[]; adt: Array<{ at: number; text: string }> }> {
    const out = this.sites.map((s) => ({
      site: s.code,
      ae: s.ae,
      adt: s.adt.sort((a, b) => a.at - b.at),
    }));
    for (const s of this.sites) {
      s.ae = [];
      s.adt = [];
    }
    return out;
  }

  private schedule(event: Omit<SimEvent, 'seq'> & { seq?: number }): void {
    const key = Math.floor(event.t / hour);
    let list = this.buckets.get(key);
    if (!list) {
      list = [];
      this.buckets.set(key, list);
    }
    (event as SimEvent).seq = this.seq++;
    list.push(event as SimEvent);
  }

  private person(cell: number): Person {
    const r = this.random;
    const index = this.cellOffset[cell]! + r.int(this.cellPersons[cell]!);
    const global = this.icsIndex * 2_000_000 + index;
    const h = mix(global);
    const band = this.cellBand[cell]!;
    const age = band === 18 ? 90 + (h % 9) : band * 5 + (h % 5);
    const lsoa = this.cellLsoa[cell]!;
    const group = ethnicGroups[this.cellEthnic[cell]!]!;
    const cats = ethnicCategories[group]!;
    const e = (h >>> 8) % 100;
    const ethnicCategory = e < 4 ? 'Z' : e < 5 ? '99' : cats[(h >>> 16) % cats.length]!;
    const month = 1 + ((h >>> 4) % 12);
    const dayOfMonth = 1 + ((h >>> 12) % 28);
    return {
      index: global,
      age,
      sexCode: this.cellSex[cell] === 2 ? '2' : '1',
      ethnicCategory,
      lsoaCode: this.lsoaCodes[lsoa]!,
      decile: this.lsoaDecile[lsoa]!,
      laIndex: this.lsoaLa[lsoa]!,
      nhsNumber: nhsNumberFor(global),
      birthMonthDay: String(month).padStart(2, '0') + String(dayOfMonth).padStart(2, '0'),
    };
  }

  private occupancy(site: Site): number {
    const core = site.core.adult_ga;
    return core > 0 ? site.occupied.adult_ga / core : targetOccupancy;
  }

  private arrive(start: number): void {
    const r = this.random;
    const wall = new Date(londonWallMs(start));
    const dayOfYear = Math.floor((wall.getTime() - Date.UTC(wall.getUTCFullYear(), 0, 1)) / day);
    const weekday = (wall.getUTCDay() + 6) % 7;
    const lambda =
      this.perHour *
      hourProfile[wall.getUTCHours()]! *
      weekdayProfile[weekday]! *
      seasonalFactor(dayOfYear);
    const n = r.poisson(lambda);
    const arrivals: number[] = [];
    for (let i = 0; i < n; i++) arrivals.push(start + r.int(60) * minute);
    arrivals.sort((a, b) => a - b);
    for (const arrival of arrivals) this.attend(arrival);
  }

  private attend(arrival: number): void {
    const r = this.random;
    const p = this.person(r.pickCumulative(this.cumulative));
    let trust = this.trusts[p.laIndex % this.trusts.length]!;
    if (r.next() < 0.05) trust = this.trusts[r.int(this.trusts.length)]!;
    const admitted = r.next() < admitProbability(p.age, p.decile);
    const ambulance = r.next() < (admitted ? (p.age >= 75 ? 0.6 : 0.4) : p.age >= 75 ? 0.12 : 0.06);
    const toUtc =
      !admitted && !ambulance && trust.utc !== undefined && r.next() < (p.age < 65 ? 0.68 : 0.5);
    const site = toUtc ? trust.utc! : trust.ed;
    const a: Attendance = {
      id: site.code + String(site.nextAttendance++).padStart(9, '0'),
      trustCode: trust.code,
      siteCode: site.code,
      departmentType: site.type,
      category: r.next() < 0.03 ? '2' : '1',
      arrival,
      mode: ambulance ? 'AMB' : r.next() < 0.01 ? 'POL' : 'WALK',
      source: 'SELF',
      booked: false,
      acuity: 3,
      handover: NaN,
      assessed: NaN,
      seen: NaN,
      decidedToAdmit: NaN,
      departure: NaN,
      disposal: 'DIS',
      age: p.age,
      sexCode: p.sexCode,
      ethnicCategory: p.ethnicCategory,
      lsoaCode: p.lsoaCode,
      nhsNumber: p.nhsNumber,
    };
    const crowd = (site.inDept + 1) / (site.crowdEma + 1);
    const u = r.next();
    if (site.type === '03') {
      const online = nhs111OnlineShare(p.age, p.decile);
      if (u < online) {
        a.source = 'NHS111_ONLINE';
        a.booked = true;
      } else if (u < online + 0.12) {
        a.source = 'NHS111_PHONE';
        a.booked = true;
      } else if (u < online + 0.17) a.source = 'GP';
      a.acuity = r.next() < 0.15 ? 3 : r.next() < 0.65 ? 4 : 5;
      a.assessed = floorMinute(arrival + minute + r.exponential(8 * minute));
      if (r.next() < 0.02) {
        a.departure = floorMinute(a.assessed + minute + r.logNormal(90, 0.5) * minute);
        a.disposal = 'LBT';
      } else {
        a.seen = floorMinute(a.assessed + minute + r.logNormal(28 * crowd ** 0.7, 0.7) * minute);
        a.departure = floorMinute(a.seen + minute + r.logNormal(32, 0.7) * minute);
        a.disposal = r.next() < 0.03 ? 'TRF' : 'DIS';
      }
    } else {
      if (ambulance) a.source = 'AMB';
      else if (u < 0.06) a.source = 'GP';
      else if (u < 0.13) {
        a.source = 'NHS111_PHONE';
        a.booked = r.next() < 0.35;
      } else if (u < 0.14) a.source = 'OTH';
      const v = r.next();
      a.acuity = admitted
        ? v < 0.05 ? 1 : v < 0.4 ? 2 : v < 0.9 ? 3 : 4
        : v < 0.005 ? 1 : v < 0.1 ? 2 : v < 0.55 ? 3 : v < 0.9 ? 4 : 5; // prettier-ignore
      let clock = arrival;
      if (ambulance) {
        a.handover = floorMinute(arrival + (3 + r.logNormal(15 * crowd ** 1.5, 0.6)) * minute);
        clock = a.handover;
      }
      a.assessed = floorMinute(clock + minute + r.exponential(10 * Math.sqrt(crowd) * minute));
      if (!admitted && r.next() < 0.03) {
        a.departure = floorMinute(a.assessed + minute + r.logNormal(110, 0.5) * minute);
        a.disposal = 'LBT';
      } else {
        a.seen = floorMinute(a.assessed + minute + r.logNormal(38 * crowd, 0.75) * minute);
        if (admitted) {
          a.decidedToAdmit = floorMinute(a.seen + minute + r.logNormal(95, 0.6) * minute);
          const occupancy = this.occupancy(site);
          const bedWait = r.logNormal(460 * Math.exp(12 * (occupancy - targetOccupancy)), 0.9);
          const longest = longestAdmittedStayMinutes - 120 * r.next();
          a.departure = floorMinute(
            Math.min(a.decidedToAdmit + (15 + bedWait) * minute, arrival + longest * minute),
          );
          a.disposal = 'ADM';
        } else {
          let treatment = r.logNormal(52, 0.8);
          if (r.next() < 0.012) treatment += r.logNormal(700, 0.35);
          a.departure = floorMinute(a.seen + minute + treatment * minute);
          a.disposal = r.next() < 0.015 ? 'TRF' : r.next() < 0.0005 ? 'DIED' : 'DIS';
        }
      }
    }
    site.inDept++;
    this.counts.attendances++;
    this.schedule({ t: a.departure, kind: Kind.Depart, attendance: a });
    this.schedulePartials(a);
    if (admitted) {
      this.schedule({
        t: a.departure,
        kind: Kind.Admit,
        attendance: a,
        spell: this.newSpell(trust, p, a),
      });
    }
  }

  /**
   * A patient still in the department is written at the end of the hour they arrived and of
   * each later hour with a new time; in daily files only the last such record of each day
   * (the one a day's extract keeps).
   */
  private schedulePartials(a: Attendance): void {
    const departureHour = Math.floor(a.departure / hour);
    let previous = -1;
    for (const t of [a.arrival, a.assessed, a.seen, a.decidedToAdmit]) {
      if (t !== t) continue;
      const h = Math.floor(t / hour);
      if (h === previous || h >= departureHour) continue;
      if (previous >= 0 && !this.superseded(previous, h)) this.schedulePartial(a, previous);
      previous = h;
    }
    if (previous >= 0 && !this.superseded(previous, departureHour))
      this.schedulePartial(a, previous);
  }

  /** Whether a record written in hour `h` is replaced by one in the later hour `next`. */
  private superseded(h: number, next: number): boolean {
    return (
      this.dailyFiles !== undefined &&
      next < this.dailyFiles.untilHour &&
      londonDate(h * hour) === londonDate(next * hour)
    );
  }

  private schedulePartial(a: Attendance, h: number): void {
    this.schedule({ t: (h + 1) * hour - 1, kind: Kind.Partial, attendance: a });
  }

  private newSpell(trust: Trust, person: Person, a: Attendance): Spell {
    return {
      id: trust.code + String(trust.nextSpell++).padStart(8, '0'),
      site: trust.ed,
      trust,
      person,
      admittedAt: a.departure,
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

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case Kind.Depart: {
        const a = event.attendance!;
        const site = this.siteOf(a.siteCode);
        site.inDept--;
        this.countMonthly(a);
        if (this.writing) site.ae.push(formatAeRow(a, a.departure));
        break;
      }
      case Kind.Partial: {
        const a = event.attendance!;
        if (this.writing) this.siteOf(a.siteCode).ae.push(formatAeRow(a, event.t));
        break;
      }
      case Kind.Admit:
        this.admit(event.spell!, event.attendance!);
        break;
      case Kind.Transfer:
        this.transfer(event.spell!, event.t, event.ward!);
        break;
      case Kind.Update: {
        const s = event.spell!;
        if (s.site.inpatients.has(s)) this.message(s.site, 'A08', event.t, s, s.ward.code);
        break;
      }
      case Kind.Ready:
        if (event.spell!.dischargeAt >= londonMidnightUtc(event.spell!.readyDate) + day) {
          this.waiting.add(event.spell!);
        }
        break;
      case Kind.Discharge:
        this.discharge(event.spell!, event.t);
        break;
    }
  }

  private siteOf(code: string): Site {
    for (const s of this.sites) if (s.code === code) return s;
    throw new Error(`unknown site ${code}`);
  }

  private takeBed(site: Site, type: BedType, avoid?: Ward): { ward: Ward; bed: number } {
    let best: Ward | undefined;
    for (const w of site.wards[type]) {
      if (w === avoid) continue;
      if (!best || w.capacity - w.occupied > best.capacity - best.occupied) best = w;
    }
    if (!best) best = avoid ?? site.wards.adult_ga[0]!;
    const bed = best.free.pop() ?? ++best.extra;
    best.occupied++;
    site.occupied[best.type]++;
    return { ward: best, bed };
  }

  private freeBed(site: Site, ward: Ward, bed: number): void {
    ward.occupied--;
    site.occupied[ward.type]--;
    if (bed <= ward.capacity) ward.free.push(bed);
  }

  private admit(spell: Spell, a: Attendance): void {
    const r = this.random;
    const site = spell.site;
    const at = a.departure;
    const age = spell.person.age;
    const critical = spell.isAdult && a.acuity <= 2 && r.next() < 0.08;
    const type: BedType = age < 15 ? 'paed_ga' : critical ? 'adult_cc' : 'adult_ga';
    const { ward, bed } = this.takeBed(site, site.wards[type].length > 0 ? type : 'adult_ga');
    spell.ward = ward;
    spell.bed = bed;
    site.inpatients.add(spell);
    this.counts.spells++;
    const pressure = Math.min(1.1, Math.max(0.6, 1 - 8 * (this.occupancy(site) - targetOccupancy)));
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
        const mean = [1.0, 1.3, 6.3, 10.3][spell.pathway]! * this.laFactor[spell.person.laIndex]!;
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
    this.schedule({ t: spell.dischargeAt, kind: Kind.Discharge, spell });
    if (spell.isAdult) this.schedule({ t: Math.max(spell.readyAt, at), kind: Kind.Ready, spell });
    const stay = spell.dischargeAt - at;
    if (type === 'adult_cc') {
      const t = floorMinute(at + Math.min(stay * 0.6, r.logNormal(1.5, 0.5) * day));
      this.schedule({ t, kind: Kind.Transfer, spell, ward: 'adult_ga' });
    } else if (type === 'adult_ga' && stay > 2 * day && r.next() < 0.15) {
      this.schedule({
        t: floorMinute(at + stay * (0.2 + 0.4 * r.next())),
        kind: Kind.Transfer,
        spell,
        ward: 'adult_ga',
      });
    }
    if (r.next() < 0.1)
      this.schedule({ t: floorMinute(at + stay * r.next()), kind: Kind.Update, spell });
    if (r.next() < 0.005 && site.wards[ward.type].length > 1) {
      const wrong = site.wards[ward.type].find((w) => w !== ward)!;
      this.message(site, 'A01', at, spell, wrong.code);
      this.message(site, 'A11', at + 4 * minute, spell, wrong.code);
      this.message(site, 'A01', at + 5 * minute, spell, ward.code);
    } else this.message(site, 'A01', at, spell, ward.code);
  }

  private transfer(spell: Spell, at: number, type: BedType): void {
    const site = spell.site;
    if (!site.inpatients.has(spell) || at >= spell.dischargeAt) return;
    const prior = spell.ward;
    const { ward, bed } = this.takeBed(site, type, prior.type === type ? prior : undefined);
    this.freeBed(site, prior, spell.bed);
    spell.ward = ward;
    spell.bed = bed;
    if (this.random.next() < 0.03) {
      this.message(site, 'A02', at, spell, prior.code, prior.code);
      this.message(site, 'A12', at + 3 * minute, spell, prior.code, prior.code);
      this.message(site, 'A02', at + 4 * minute, spell, ward.code, prior.code);
    } else this.message(site, 'A02', at, spell, ward.code, prior.code);
  }

  private discharge(spell: Spell, at: number): void {
    const site = spell.site;
    this.freeBed(site, spell.ward, spell.bed);
    site.inpatients.delete(spell);
    this.waiting.delete(spell);
    if (spell.isAdult) this.dischargedToday.push(spell);
    if (this.random.next() < 0.01) {
      this.message(site, 'A03', at, spell, spell.ward.code, undefined, at);
      this.message(site, 'A13', at + 5 * minute, spell, spell.ward.code);
      this.message(
        site,
        'A03',
        at + 10 * minute,
        spell,
        spell.ward.code,
        undefined,
        at + 10 * minute,
      );
      spell.dischargeAt = at + 10 * minute;
    } else this.message(site, 'A03', at, spell, spell.ward.code, undefined, at);
  }

  private message(
    site: Site,
    event: AdtEvent,
    at: number,
    spell: Spell,
    ward: string,
    priorWard?: string,
    dischargedAt?: number,
    census = false,
  ): void {
    // Control ids advance whether or not the hour is written, so a feed resumed part-way
    // through (after a restart) never reuses one; a census has ids of its own.
    const controlId = census
      ? `${site.code}C${spell.id}`
      : site.code + String(site.nextMessage++).padStart(10, '0');
    if (!this.writing) return;
    const p = spell.person;
    const year = Number(formatIsoLocal(spell.admittedAt).slice(0, 4)) - p.age;
    this.counts.messages++;
    site.adt.push({
      at,
      text: formatAdtMessage({
        event,
        controlId,
        siteCode: site.code,
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

  private countMonthly(a: Attendance): void {
    const trust = this.trusts.find((t) => t.code === a.trustCode)!;
    const m = trust.monthly;
    const type1 = a.departmentType === '01';
    const col = type1 ? 0 : 2;
    const over = a.departure - a.arrival > 4 * hour;
    m[col + (a.booked ? 3 : 0)]!++;
    if (over) m[6 + col + (a.booked ? 3 : 0)]!++;
    if (a.disposal === 'ADM') {
      const fromDta = a.departure - a.decidedToAdmit;
      if (fromDta > 12 * hour) m[13]!++;
      else if (fromDta > 4 * hour) m[12]!++;
      m[type1 ? 14 : 16]!++;
    }
  }

  sitrepRows(snapshotDate: string, at: number): string[] {
    const rows: string[] = [];
    for (const site of this.sites) {
      if (site.type !== '01') continue;
      for (const type of bedTypes) {
        if (site.wards[type].length === 0) continue;
        const occupied = site.occupied[type];
        const core = site.core[type];
        // Beds in use are available beds: when patients outnumber the core and planned
        // escalation beds, the extra beds opened (trolleys on wards) count as escalation.
        const escalation = occupied > core ? Math.max(1, occupied - core + 1) : 0;
        const voids = Math.max(0, Math.round(core * 0.01 * this.random.next()));
        let los = '';
        if (type !== 'adult_cc') {
          let l7 = 0;
          let l14 = 0;
          let l21 = 0;
          for (const s of site.inpatients) {
            if (s.ward.type !== type) continue;
            const stay = at - s.admittedAt;
            if (stay >= 7 * day) l7++;
            if (stay >= 14 * day) l14++;
            if (stay >= 21 * day) l21++;
          }
          los = `${l7},${l14},${l21}`;
        } else los = ',,';
        rows.push(
          `${snapshotDate},${site.trustCode},${site.code},${type},${core},${escalation},${occupied},${voids},${los}\n`,
        );
      }
    }
    return rows;
  }

  dischargeRows(date: string): string[] {
    const rows: string[] = [];
    const line = (s: Spell, discharged: boolean): string => {
      const reason = s.delayReason ? `"${s.delayReason}"` : '';
      return (
        `${s.id},${s.trust.code},${s.site.code},${s.person.nhsNumber},${formatIsoLocal(s.admittedAt)},` +
        `${s.readyDate},${discharged ? formatIsoLocal(s.dischargeAt) : ''},${s.pathway},${reason},` +
        `${this.laCodes[s.person.laIndex]},${s.person.age},${s.person.sexCode}\n`
      );
    };
    for (const s of this.dischargedToday) rows.push(line(s, true));
    for (const s of this.waiting) if (s.readyDate <= date) rows.push(line(s, false));
    this.dischargedToday = [];
    return rows;
  }

  monthlyRows(period: string, parentOrg: string, reset = true): Array<Array<string | number>> {
    return this.trusts.map((t) => {
      const row = [period, t.code, parentOrg, t.name.toUpperCase(), ...t.monthly];
      if (reset) t.monthly = new Array<number>(18).fill(0);
      return row;
    });
  }
}
