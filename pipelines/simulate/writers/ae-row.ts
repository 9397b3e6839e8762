import { aeColumns } from '../../feeds/ae/format.js';
import { formatIsoLocal } from '../local-time.js';
import type { Attendance } from '../models/attendance.js';

/** The A&E CSV header, from the feed's format, with its line break. */
export const aeHeaderLine = `${aeColumns.join(',')}\n`;

const at = (t: number, asOf: number): string => (t === t && t <= asOf ? formatIsoLocal(t) : '');

/**
 * The CSV line of an attendance as known at `asOf`: a patient still in the department at
 * that time has empty departure and disposal (the completing line replaces it).
 */
export function formatAeRow(a: Attendance, asOf: number): string {
  const done = a.departure === a.departure && a.departure <= asOf;
  return (
    a.id +
    ',' +
    a.trustCode +
    ',' +
    a.siteCode +
    ',' +
    a.departmentType +
    ',' +
    a.category +
    ',' +
    formatIsoLocal(a.arrival) +
    ',' +
    a.mode +
    ',' +
    a.source +
    ',' +
    (a.booked ? 'Y' : 'N') +
    ',' +
    a.acuity +
    ',' +
    at(a.handover, asOf) +
    ',' +
    at(a.assessed, asOf) +
    ',' +
    at(a.seen, asOf) +
    ',' +
    at(a.decidedToAdmit, asOf) +
    ',' +
    (done ? formatIsoLocal(a.departure) + ',' + a.disposal : ',') +
    ',' +
    a.age +
    ',' +
    a.sexCode +
    ',' +
    a.ethnicCategory +
    ',' +
    a.lsoaCode +
    ',' +
    a.nhsNumber +
    '\n'
  );
}
