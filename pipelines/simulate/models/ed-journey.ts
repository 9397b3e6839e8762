import { floorMinute, minute } from '../durations.js';
import type { Random } from '../random.js';
import type { Arrival } from './arrivals.js';
import type { Attendance } from './attendance.js';
import { longestAdmittedStayMinutes, targetOccupancy } from './calibration.js';

/**
 * An emergency department (type 01) attendance, filled into `a`: source and acuity, the
 * ambulance handover, assessment, then seen and either a decision to admit and the wait for a
 * bed (longer as G&A occupancy passes the target, capped at the longest stay), treatment and
 * discharge, or left before treatment. Waits stretch with `crowd`, the department's count
 * against its usual level.
 */
export function edJourney(
  a: Attendance,
  arrival: Arrival,
  crowd: number,
  r: Random,
  bedOccupancy: number,
): void {
  const { at, isAdmitted, isAmbulance } = arrival;
  const u = r.next();
  if (isAmbulance) a.source = 'AMB';
  else if (u < 0.06) a.source = 'GP';
  else if (u < 0.13) {
    a.source = 'NHS111_PHONE';
    a.booked = r.next() < 0.35;
  } else if (u < 0.14) a.source = 'OTH';
  const v = r.next();
  a.acuity = isAdmitted
    ? v < 0.05 ? 1 : v < 0.4 ? 2 : v < 0.9 ? 3 : 4
    : v < 0.005 ? 1 : v < 0.1 ? 2 : v < 0.55 ? 3 : v < 0.9 ? 4 : 5; // prettier-ignore
  let clock = at;
  if (isAmbulance) {
    a.handover = floorMinute(at + (3 + r.logNormal(15 * crowd ** 1.5, 0.6)) * minute);
    clock = a.handover;
  }
  a.assessed = floorMinute(clock + minute + r.exponential(10 * Math.sqrt(crowd) * minute));
  if (!isAdmitted && r.next() < 0.03) {
    a.departure = floorMinute(a.assessed + minute + r.logNormal(110, 0.5) * minute);
    a.disposal = 'LBT';
    return;
  }
  a.seen = floorMinute(a.assessed + minute + r.logNormal(38 * crowd, 0.75) * minute);
  if (isAdmitted) {
    a.decidedToAdmit = floorMinute(a.seen + minute + r.logNormal(95, 0.6) * minute);
    const bedWait = r.logNormal(460 * Math.exp(12 * (bedOccupancy - targetOccupancy)), 0.9);
    const longest = longestAdmittedStayMinutes - 120 * r.next();
    a.departure = floorMinute(
      Math.min(a.decidedToAdmit + (15 + bedWait) * minute, at + longest * minute),
    );
    a.disposal = 'ADM';
  } else {
    let treatment = r.logNormal(52, 0.8);
    if (r.next() < 0.012) treatment += r.logNormal(700, 0.35);
    a.departure = floorMinute(a.seen + minute + treatment * minute);
    a.disposal = r.next() < 0.015 ? 'TRF' : r.next() < 0.0005 ? 'DIED' : 'DIS';
  }
}
