import type { Attendance } from '../models/attendance.js';
import { formatAeRow } from './ae-row.js';

/** The A&E feed of each site: while `writing`, the records of the hour held for its file. */
export class AeRecords {
  writing = false;
  private readonly lines = new Map<string, string[]>();

  constructor(siteCodes: readonly string[]) {
    for (const code of siteCodes) this.lines.set(code, []);
  }

  /** The attendance's record as known at `asOf`. */
  add(a: Attendance, asOf: number): void {
    if (this.writing) this.lines.get(a.siteCode)!.push(formatAeRow(a, asOf));
  }

  /** Takes the lines held for the site. */
  take(siteCode: string): string[] {
    const lines = this.lines.get(siteCode)!;
    this.lines.set(siteCode, []);
    return lines;
  }
}
