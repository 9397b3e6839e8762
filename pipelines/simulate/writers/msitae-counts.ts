import { hour } from '../durations.js';
import type { Attendance } from '../models/attendance.js';

interface TrustCounts {
  code: string;
  name: string;
  /** The counters in the order of the published columns 5–22. */
  counts: number[];
}

/** Each trust's MSitAE counts for the month in progress, from the attendances that end in it. */
export class MsitaeCounts {
  private readonly trusts: TrustCounts[];

  constructor(trusts: ReadonlyArray<{ code: string; name: string }>) {
    this.trusts = trusts.map((t) => ({
      code: t.code,
      name: t.name,
      counts: new Array<number>(18).fill(0),
    }));
  }

  /** Counts an attendance as it ends. */
  count(a: Attendance): void {
    const m = this.trusts.find((t) => t.code === a.trustCode)!.counts;
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

  /** One MSitAE row per trust for `period`; `reset` starts the next month from zero. */
  rows(period: string, parentOrg: string, reset = true): Array<Array<string | number>> {
    return this.trusts.map((t) => {
      const row = [period, t.code, parentOrg, t.name.toUpperCase(), ...t.counts];
      if (reset) t.counts = new Array<number>(18).fill(0);
      return row;
    });
  }
}
