import { hour } from './durations.js';
import type { FeedSink } from './feed-sink.js';
import { IcsSimulation } from './ics-simulation.js';
import { londonDate, londonHour, londonHourStamp, londonMinuteStamp } from './local-time.js';
import { createRandom } from './random.js';
import type { SyntheticReference } from './read-reference.js';
import { icsPlans, regionName } from './synthetic-ics.js';
import { aeHeaderLine } from './writers/ae-row.js';
import { dischargeHeaderLine } from './writers/discharge-rows.js';
import { formatMsitaeFile, msitaePeriod } from './writers/msitae-file.js';
import { sitrepHeaderLine } from './writers/sitrep-rows.js';

export type Scale = 'ics' | 'region';

/**
 * The synthetic region (or its first ICS alone) stepped hour by hour in lockstep, turning what
 * each ICS did into the five feeds' files: hourly A&E and ADT per site, the 08:00 sitrep,
 * the daily discharge file and the monthly MSitAE file.
 */
export class RegionSimulation {
  readonly icss: IcsSimulation[];
  private monthWritten = '';
  private censusDone = false;
  private lastEnd = 0;
  private readonly adtSlotMs: number | undefined;
  private readonly slots = new Map<string, { end: number; name: string; texts: string[] }>();
  private readonly dailyFiles: boolean;
  /** With daily files: the local day being gathered, its A&E lines and ADT messages. */
  private day: { date: string; ae: string[]; adt: string[]; completeAt: number } | undefined;

  /**
   * `adtSlotMinutes`: write ADT messages in files of that many minutes per site, each complete
   * when its slot ends (a live feed delivering messages as they happen); default one file per
   * site and hour. `batch: 'day'`: one A&E and one ADT file per local day for the whole
   * region up to `until` (UTC ms), as a backfill extract arrives: `ae-<YYYYMMDD>.csv` holds the
   * last record of each attendance that day and `adt-<YYYYMMDD>.hl7` every message, in the order the hourly files
   * would have held them.
   */
  constructor(
    reference: SyntheticReference,
    scale: Scale,
    seed: string | number,
    options: { adtSlotMinutes?: number; batch?: 'hour' | 'day'; until?: number } = {},
  ) {
    const plans = scale === 'region' ? icsPlans : icsPlans.slice(0, 1);
    this.dailyFiles = options.batch === 'day';
    if (this.dailyFiles && options.adtSlotMinutes)
      throw new RangeError('ADT slots are for hourly (live) files, not daily ones');
    this.icss = plans.map(
      (plan, i) =>
        new IcsSimulation(
          reference,
          plan.icsCode,
          i,
          createRandom(`${seed}:${plan.icsCode}`),
          this.dailyFiles ? { until: options.until ?? Infinity } : undefined,
        ),
    );
    this.adtSlotMs = options.adtSlotMinutes ? options.adtSlotMinutes * 60_000 : undefined;
  }

  /**
   * Simulates the hour starting at `start`; when `sink` is given, writes its files, each with
   * the instant it is complete. `census` (default true) makes the first written hour carry an
   * A01 for every patient already in a bed, so a reader that starts there knows the bed state.
   */
  step(start: number, sink: FeedSink | undefined, census = true): void {
    const writing = sink !== undefined;
    const end = start + hour;
    const isCensusHour = census && writing && !this.censusDone;
    if (writing) this.censusDone = true;
    for (const ics of this.icss) ics.step(start, writing, isCensusHour);
    if (sink && this.dailyFiles) this.gatherDay(start, sink);
    const stamp = writing && !this.dailyFiles ? londonHourStamp(start) : '';
    for (const ics of this.icss) {
      if (this.dailyFiles) continue;
      for (const out of ics.drain()) {
        if (!sink) continue;
        if (out.ae.length > 0)
          sink.write('ae', `${out.site}-${stamp}.csv`, aeHeaderLine + out.ae.join(''), end);
        if (out.adt.length === 0) continue;
        if (this.adtSlotMs === undefined) {
          const last = out.adt[out.adt.length - 1]!.at;
          const text = out.adt.map((m) => m.text).join('');
          sink.write('adt', `${out.site}-${stamp}.hl7`, text, Math.max(end, last));
        } else this.slot(out.site, out.adt);
      }
    }
    if (sink && this.adtSlotMs !== undefined) this.writeSlots(sink, end);
    if (writing) this.monthWritten = londonDate(start).slice(0, 7);
    this.lastEnd = end;
    const endHour = londonHour(end);
    if (endHour === 8) {
      const date = londonDate(end);
      const rows = this.icss.flatMap((ics) => ics.sitrepRows(date, end));
      sink?.write('sitrep', `sitrep-${date}.csv`, sitrepHeaderLine + rows.join(''), end);
    }
    if (endHour === 0) {
      const date = londonDate(start);
      const rows = this.icss.flatMap((ics) => ics.dischargeRows(date));
      sink?.write('discharge', `discharge-${date}.csv`, dischargeHeaderLine + rows.join(''), end);
      if (londonDate(end).endsWith('-01')) this.writeMonth(date.slice(0, 7), sink);
    }
  }

  /** Writes the day gathered so far and the MSitAE file of the month in progress. */
  finish(sink: FeedSink): void {
    this.writeDay(sink);
    if (this.monthWritten) this.writeMonth(this.monthWritten, sink, false);
  }

  /** Adds the hour starting at `start` to its day's files, writing the previous day's. */
  private gatherDay(start: number, sink: FeedSink): void {
    const end = start + hour;
    const date = londonDate(start);
    if (this.day?.date !== date) {
      this.writeDay(sink);
      this.day = { date, ae: [], adt: [], completeAt: end };
    }
    const day = this.day;
    day.completeAt = Math.max(day.completeAt, end);
    // One flat string per hour: the lines' own strings die young instead of living a day.
    const ae: string[] = [];
    const adt: string[] = [];
    for (const ics of this.icss) {
      for (const out of ics.drain()) {
        for (const line of out.ae) ae.push(line);
        for (const message of out.adt) {
          adt.push(message.text);
          day.completeAt = Math.max(day.completeAt, message.at);
        }
      }
    }
    if (ae.length > 0) day.ae.push(ae.join(''));
    if (adt.length > 0) day.adt.push(adt.join(''));
  }

  private writeDay(sink: FeedSink): void {
    const day = this.day;
    if (!day) return;
    this.day = undefined;
    const stamp = day.date.replaceAll('-', '');
    if (day.ae.length > 0)
      sink.write('ae', `ae-${stamp}.csv`, aeHeaderLine + day.ae.join(''), day.completeAt);
    if (day.adt.length > 0) sink.write('adt', `adt-${stamp}.hl7`, day.adt.join(''), day.completeAt);
  }

  private slot(site: string, messages: Array<{ at: number; text: string }>): void {
    const size = this.adtSlotMs!;
    for (const message of messages) {
      const from = Math.floor(message.at / size) * size;
      const key = `${from}|${site}`;
      let slot = this.slots.get(key);
      if (!slot) {
        slot = { end: from + size, name: `${site}-${londonMinuteStamp(from)}.hl7`, texts: [] };
        this.slots.set(key, slot);
      }
      slot.texts.push(message.text);
    }
  }

  /** Writes every ADT slot that has ended by `simulatedTo`, in time then site order. */
  private writeSlots(sink: FeedSink, simulatedTo: number): void {
    const ready = [...this.slots.entries()]
      .filter(([, slot]) => slot.end <= simulatedTo)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, slot] of ready) {
      this.slots.delete(key);
      sink.write('adt', slot.name, slot.texts.join(''), slot.end);
    }
  }

  private writeMonth(month: string, sink: FeedSink | undefined, reset = true): void {
    const period = msitaePeriod(month);
    const rows = this.icss.flatMap((ics) => ics.monthlyRows(period, regionName, reset));
    if (sink && this.monthWritten === month)
      sink.write('ae-monthly', `MSitAE-${month}.csv`, formatMsitaeFile(rows), this.lastEnd);
    // A finished month is written once: a run ending on its last midnight must not rewrite
    // it from the emptied counts.
    if (reset && this.monthWritten === month) this.monthWritten = '';
  }
}
