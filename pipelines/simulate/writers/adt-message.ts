import type { AdtEvent } from '../../feeds/adt/format.js';
import { formatHl7Time } from '../local-time.js';

export interface AdtMessageInput {
  event: AdtEvent;
  controlId: string;
  siteCode: string;
  icsCode: string;
  at: number;
  nhsNumber: string;
  birthDate: string;
  sex: 'M' | 'F' | 'U';
  spellId: string;
  ward: string;
  bed: string;
  priorWard?: string;
  admittedAt: number;
  dischargedAt?: number;
}

/** One HL7 v2.4 ADT message (MSH, EVN, PID, PV1; segments ended by CR) per docs/nhs-data.md, HL7 v2 ADT. */
export function formatAdtMessage(m: AdtMessageInput): string {
  const ts = formatHl7Time(m.at);
  const pv1 = new Array<string>(46).fill('');
  pv1[0] = 'PV1';
  pv1[1] = '1';
  pv1[2] = 'I';
  pv1[3] = `${m.ward}^^${m.bed}^${m.siteCode}`;
  if (m.priorWard) pv1[6] = `${m.priorWard}^^^${m.siteCode}`;
  pv1[19] = m.spellId;
  pv1[44] = formatHl7Time(m.admittedAt);
  if (m.dischargedAt !== undefined) pv1[45] = formatHl7Time(m.dischargedAt);
  return (
    `MSH|^~\\&|PAS|${m.siteCode}|OBSERVATORY|${m.icsCode}|${ts}||ADT^${m.event}|${m.controlId}|P|2.4\r` +
    `EVN|${m.event}|${ts}||||${ts}\r` +
    `PID|1||${m.nhsNumber}^^^NHS^NH||SYNTHETIC^PATIENT||${m.birthDate}|${m.sex}\r` +
    pv1.join('|') +
    '\r'
  );
}
