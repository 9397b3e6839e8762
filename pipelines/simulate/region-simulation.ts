import { aeHeaderLine } from './ae-row.js';
import type { FeedSink } from './feed-sink.js';
import { IcsSimulation } from './ics-simulation.js';
import { londonDate, londonHour, londonHourStamp } from './local-time.js';
import { formatMsitaeFile, msitaePeriod } from './msitae-file.js';
import { createRandom } from './random.js';
import type { SyntheticReference } from './read-reference.js';
import { icsPlans, regionName } from './synthetic-ics.js';

const hour = 3_600_000;

export const sitrepHeaderLine =
  'Snapshot_Date,Provider_Code,Site_Code,Bed_Type,Core_Beds_Available,Escalation_Beds_Available,Beds_Occupied,Void_Beds,LoS_7_Plus,LoS_14_Plus,LoS_21_Plus\n';
export const dischargeHeaderLine =
  'Spell_Id,Provider_Code,Site_Code,NHS_Number,Admission_Date_Time,Discharge_Ready_Date,Discharge_Date_Time,Discharge_Pathway,Delay_Reason,Local_Authority_Code,Age_At_Admission,Sex\n';

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

  constructor(reference: SyntheticReference, scale: Scale, seed: string | number) {
    const plans = scale === 'region' ? icsPlans : icsPlans.slice(0, 1);
    this.icss = plans.map(
      (plan, i) =>
        new IcsSimulation(reference, plan.icsCode, i, createRandom(`${seed}:${plan.icsCode}`)),
    );
  }

  /**
   * Simulates the hour starting at `start`; when `sink` is given, writes its files.
   * `census` (default true) makes the first written hour carry an A01 for every patient
   * already in a bed, so a reader that starts there knows the bed state.
   */
  step(start: number, sink: FeedSink | undefined, census = true): void {
    const writing = sink !== undefined;
    if (writing && !this.censusDone) {
      this.censusDone = true;
      if (census) for (const ics of this.icss) ics.census(start);
    }
    for (const ics of this.icss) ics.step(start, writing);
    const stamp = writing ? londonHourStamp(start) : '';
    for (const ics of this.icss) {
      for (const out of ics.drain()) {
        if (!sink) continue;
        if (out.ae.length > 0)
          sink.write('ae', `${out.site}-${stamp}.csv`, aeHeaderLine + out.ae.join(''));
        if (out.adt.length > 0) sink.write('adt', `${out.site}-${stamp}.hl7`, out.adt.join(''));
      }
    }
    if (writing) this.monthWritten = londonDate(start).slice(0, 7);
    const end = start + hour;
    const endHour = londonHour(end);
    if (endHour === 8) {
      const date = londonDate(end);
      const rows = this.icss.flatMap((ics) => ics.sitrepRows(date, end));
      sink?.write('sitrep', `sitrep-${date}.csv`, sitrepHeaderLine + rows.join(''));
    }
    if (endHour === 0) {
      const date = londonDate(start);
      const rows = this.icss.flatMap((ics) => ics.dischargeRows(date));
      sink?.write('discharge', `discharge-${date}.csv`, dischargeHeaderLine + rows.join(''));
      if (londonDate(end).endsWith('-01')) this.writeMonth(date.slice(0, 7), sink);
    }
  }

  /** Writes the MSitAE file of the month in progress (a later full file revises it). */
  finish(sink: FeedSink): void {
    if (this.monthWritten) this.writeMonth(this.monthWritten, sink, false);
  }

  private writeMonth(month: string, sink: FeedSink | undefined, reset = true): void {
    const period = msitaePeriod(month);
    const rows = this.icss.flatMap((ics) => ics.monthlyRows(period, regionName, reset));
    if (sink && this.monthWritten === month)
      sink.write('ae-monthly', `MSitAE-${month}.csv`, formatMsitaeFile(rows));
  }
}
