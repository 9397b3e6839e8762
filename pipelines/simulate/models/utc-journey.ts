import { floorMinute, minute } from '../durations.js';
import type { Random } from '../random.js';
import type { Arrival } from './arrivals.js';
import type { Attendance } from './attendance.js';
import { nhs111OnlineShare } from './calibration.js';

/**
 * An urgent treatment centre (type 03) visit, filled into `a`: how it was booked (NHS 111
 * online or by phone, a GP), acuity, assessment, then seen and treated, or left before
 * treatment. `crowd`: the department's count against its usual level.
 */
export function utcJourney(a: Attendance, arrival: Arrival, crowd: number, r: Random): void {
  const p = arrival.person;
  const u = r.next();
  const online = nhs111OnlineShare(p.age, p.decile);
  if (u < online) {
    a.source = 'NHS111_ONLINE';
    a.booked = true;
  } else if (u < online + 0.12) {
    a.source = 'NHS111_PHONE';
    a.booked = true;
  } else if (u < online + 0.17) a.source = 'GP';
  a.acuity = r.next() < 0.15 ? 3 : r.next() < 0.65 ? 4 : 5;
  a.assessed = floorMinute(arrival.at + minute + r.exponential(8 * minute));
  if (r.next() < 0.02) {
    a.departure = floorMinute(a.assessed + minute + r.logNormal(90, 0.5) * minute);
    a.disposal = 'LBT';
  } else {
    a.seen = floorMinute(a.assessed + minute + r.logNormal(28 * crowd ** 0.7, 0.7) * minute);
    a.departure = floorMinute(a.seen + minute + r.logNormal(32, 0.7) * minute);
    a.disposal = r.next() < 0.03 ? 'TRF' : 'DIS';
  }
}
