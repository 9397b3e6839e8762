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
