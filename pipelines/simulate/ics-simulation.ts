import { hour } from './durations.js';
import { Arrivals, type Arrival } from './models/arrivals.js';
import { DischargeList } from './models/discharge-list.js';
import { EventQueue } from './models/event-queue.js';
import type { IcsEvent } from './models/ics-event.js';
import { Inpatients } from './models/inpatients.js';
import { Population } from './models/population.js';
import { newSpell } from './models/spell.js';
import { buildTrusts, type Site, type Trust } from './models/trusts.js';
import { createRandom, type Random } from './random.js';
import type { SyntheticReference } from './read-reference.js';
import { AdtMessages, type TimedMessage } from './writers/adt-messages.js';
import { AeRecords } from './writers/ae-records.js';
import { dischargeRows } from './writers/discharge-rows.js';
import { MsitaeCounts } from './writers/msitae-counts.js';
import { partialRecordHours } from './writers/partial-record-hours.js';
import { sitrepRows } from './writers/sitrep-rows.js';

/** The daily and monthly outputs an ICS contributes to the region's files. */
export interface IcsDailyOutputs {
  sitrepRows(snapshotDate: string, at: number): string[];
  dischargeRows(date: string): string[];
  monthlyRows(period: string, parentOrg: string, reset?: boolean): Array<Array<string | number>>;
}

/**
 * One synthetic ICS moving hour by hour: arrivals drawn from its population go through its
 * A&E departments (`models/`), admitted patients through its wards to discharge. What happens
 * goes to the writers (`writers/`): per-site hourly A&E and ADT buffers, and the sitrep,
 * discharge and MSitAE rows the region assembles into daily and monthly files.
 */
export class IcsSimulation implements IcsDailyOutputs {
  readonly icsCode: string;
  readonly sites: readonly Site[];
  readonly trusts: readonly Trust[];
  private readonly random: Random;
  private readonly population: Population;
  private readonly arrivals: Arrivals;
  private readonly queue = new EventQueue<IcsEvent>();
  private readonly inpatients: Inpatients;
  private readonly discharges = new DischargeList();
  private readonly ae: AeRecords;
  private readonly adt: AdtMessages;
  private readonly monthly: MsitaeCounts;
  private readonly dailyUntilHour: number | undefined;
  private attendances = 0;

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
    this.dailyUntilHour = dailyFiles && Math.ceil(dailyFiles.until / hour);
    this.icsCode = icsCode;
    this.random = random;
    this.population = new Population(reference, icsCode, icsIndex);
    const { trusts, sites } = buildTrusts(reference, icsCode);
    this.trusts = trusts;
    this.sites = sites;
    // Arrivals draw from their own stream (seeded from the ICS's), so that who arrives when
    // does not change with the draws of the departments and wards.
    this.arrivals = new Arrivals(
      this.population,
      trusts,
      createRandom(`arrivals:${random.int(2 ** 32)}`),
    );
    const siteCodes = sites.map((s) => s.code);
    this.ae = new AeRecords(siteCodes);
    this.adt = new AdtMessages(icsCode, siteCodes);
    this.monthly = new MsitaeCounts(trusts);
    this.inpatients = new Inpatients(
      random,
      this.population.laDelayFactors,
      (event) => this.queue.schedule(event),
      this.adt,
    );
  }

  /** Counters for progress reports and tests. */
  get counts(): { attendances: number; spells: number; messages: number } {
    return {
      attendances: this.attendances,
      spells: this.inpatients.admitted,
      messages: this.adt.count,
    };
  }

  /**
   * Simulates the hour starting at `start` (UTC ms); writes feed lines when `writing`. With
   * `census` (for the first hour written) the hour's ADT starts with an A01 at `start` for
   * every patient already in a bed.
   */
  step(start: number, writing: boolean, census = false): void {
    this.ae.writing = writing;
    this.adt.writing = writing;
    if (writing && census) {
      for (const site of this.sites)
        for (const spell of site.beds.inpatients) this.adt.census(spell, start);
    }
    for (const at of this.arrivals.times(start)) this.attend(this.arrivals.arrive(at));
    this.queue.runHour(start, (event) => this.handle(event));
    for (const site of this.sites) site.department.endHour();
  }

  /** Takes the hourly A&E and ADT lines buffered per site. */
  drain(): Array<{ site: string; ae: string[]; adt: TimedMessage[] }> {
    return this.sites.map((s) => ({
      site: s.code,
      ae: this.ae.take(s.code),
      adt: this.adt.take(s.code),
    }));
  }

  sitrepRows(snapshotDate: string, at: number): string[] {
    return sitrepRows(this.sites, snapshotDate, at, this.random);
  }

  dischargeRows(date: string): string[] {
    return dischargeRows(this.discharges.takeDay(date), this.population.laCodes);
  }

  monthlyRows(period: string, parentOrg: string, reset = true): Array<Array<string | number>> {
    return this.monthly.rows(period, parentOrg, reset);
  }

  private attend(arrival: Arrival): void {
    const site = arrival.site;
    const a = site.department.attend(arrival, this.random, site.beds.occupancy());
    this.attendances++;
    this.queue.schedule({ t: a.departure, kind: 'depart', attendance: a, site });
    for (const h of partialRecordHours(a, this.dailyUntilHour))
      this.queue.schedule({ t: (h + 1) * hour - 1, kind: 'partial', attendance: a });
    if (arrival.isAdmitted) {
      const spell = newSpell(arrival.trust, arrival.person, a.departure);
      this.queue.schedule({ t: a.departure, kind: 'admit', attendance: a, spell });
    }
  }

  private handle(event: IcsEvent): void {
    switch (event.kind) {
      case 'depart':
        event.site.department.depart();
        this.monthly.count(event.attendance);
        this.ae.add(event.attendance, event.attendance.departure);
        break;
      case 'partial':
        this.ae.add(event.attendance, event.t);
        break;
      case 'admit':
        this.inpatients.admit(event.spell, event.attendance);
        break;
      case 'transfer':
        this.inpatients.transfer(event.spell, event.t, event.ward);
        break;
      case 'update':
        this.inpatients.update(event.spell, event.t);
        break;
      case 'ready':
        this.discharges.ready(event.spell);
        break;
      case 'discharge':
        this.inpatients.discharge(event.spell, event.t);
        this.discharges.leave(event.spell);
        break;
    }
  }
}
