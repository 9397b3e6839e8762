import { aeColumns } from '../feeds/ae/format.js';
import { formatIsoLocal } from './local-time.js';

/** One A&E attendance as the simulator tracks it (times are UTC ms; NaN = not (yet) recorded). */
export interface Attendance {
  id: string;
  trustCode: string;
  siteCode: string;
  departmentType: '01' | '03';
  category: '1' | '2';
  arrival: number;
  mode: 'AMB' | 'WALK' | 'POL' | 'OTH';
  source: 'SELF' | 'NHS111_ONLINE' | 'NHS111_PHONE' | 'GP' | 'AMB' | 'OTH';
  booked: boolean;
  acuity: number;
  handover: number;
  assessed: number;
  seen: number;
  decidedToAdmit: number;
  departure: number;
  disposal: 'ADM' | 'DIS' | 'TRF' | 'LBT' | 'DIED';
  age: number;
  sexCode: string;
  ethnicCategory: string;
  lsoaCode: string;
  nhsNumber: string;
}

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
