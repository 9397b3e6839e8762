import type { Random } from '../random.js';
import type { Arrival } from './arrivals.js';
import type { Attendance } from './attendance.js';
import { edJourney } from './ed-journey.js';
import { utcJourney } from './utc-journey.js';

/** '01': an emergency department; '03': an urgent treatment centre. */
export type DepartmentType = '01' | '03';

/**
 * A site's A&E department: who is in it, and how crowded it is against its usual level (an
 * exponential moving average of the hourly count over the last two weeks), which stretches
 * the waits of the patients who arrive.
 */
export class Department {
  private inDept = 0;
  private crowdEma = 1;
  private crowdHours = 0;
  private nextAttendance = 1;

  constructor(
    readonly siteCode: string,
    readonly trustCode: string,
    readonly type: DepartmentType,
  ) {}

  /**
   * The attendance of `arrival`, its times drawn up to departure. `bedOccupancy`: the site's
   * adult G&A occupancy, which sets how long an admitted patient waits for a bed.
   */
  attend(arrival: Arrival, random: Random, bedOccupancy: number): Attendance {
    const r = random;
    const p = arrival.person;
    const a: Attendance = {
      id: this.siteCode + String(this.nextAttendance++).padStart(9, '0'),
      trustCode: this.trustCode,
      siteCode: this.siteCode,
      departmentType: this.type,
      category: r.next() < 0.03 ? '2' : '1',
      arrival: arrival.at,
      mode: arrival.isAmbulance ? 'AMB' : r.next() < 0.01 ? 'POL' : 'WALK',
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
    const crowd = (this.inDept + 1) / (this.crowdEma + 1);
    if (this.type === '03') utcJourney(a, arrival, crowd, r);
    else edJourney(a, arrival, crowd, r, bedOccupancy);
    this.inDept++;
    return a;
  }

  depart(): void {
    this.inDept--;
  }

  /** At the end of each hour: the hour's count joins the usual level. */
  endHour(): void {
    this.crowdHours++;
    const alpha = Math.max(1 / this.crowdHours, 1 / 336);
    this.crowdEma += (this.inDept - this.crowdEma) * alpha;
  }
}
