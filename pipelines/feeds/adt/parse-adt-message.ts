import { adtEvents, type AdtEvent } from './format.js';
import { parseHl7Date, parseHl7Timestamp } from './hl7-timestamp.js';
import { readEncoding, unescapeHl7, type Hl7Encoding } from './hl7-encoding.js';
import { nhsNumberProblem } from '../../nhs-number/index.js';
import type { AdtReject } from './reasons.js';

/**
 * One ADT message as read (format.ts). Times are UTC instants. `nhs_number` is the validated
 * number in clear: the feed replaces it by its pseudonym before anything is stored.
 */
export interface AdtMessage {
  control_id: string;
  event_type: AdtEvent;
  /** EVN-6, falling back to MSH-7. */
  event_at: Date;
  message_at: Date;
  sending_facility: string;
  spell_id: string;
  nhs_number: string | null;
  /** PID-7 as YYYY-MM-DD. */
  date_of_birth: string | null;
  /** PID-8 as M, F, X (other / ambiguous) or U (unknown / not given). */
  sex: string;
  patient_class: string | null;
  ward_code: string | null;
  room: string | null;
  bed: string | null;
  prior_ward_code: string | null;
  admitted_at: Date | null;
  discharged_at: Date | null;
}

export type AdtParseResult = { message: AdtMessage } | { reject: AdtReject };

const events = new Set<string>(adtEvents);
const sexes: Record<string, string> = { M: 'M', F: 'F', O: 'X', A: 'X', U: 'U', N: 'U' };

/** Reads one message (segments separated by CR, LF or CRLF) or says why it cannot. */
export function parseAdtMessage(text: string): AdtParseResult {
  const segments = text.split(/\r\n|\r|\n/).filter((segment) => segment.trim() !== '');
  const msh = segments[0];
  const encoding = msh === undefined ? null : readEncoding(msh.trimStart());
  if (msh === undefined || encoding === null) {
    return reject('not_hl7', 'the message does not start with an MSH segment and its delimiters');
  }
  const message = new Hl7Fields(segments, encoding);
  for (const name of ['PID', 'PV1']) {
    if (!message.has(name)) return reject('missing_segment', `the ${name} segment is missing`);
  }

  const type = message.component('MSH', 9, 1);
  const event = message.component('MSH', 9, 2) || message.component('EVN', 1, 1);
  if (type !== 'ADT')
    return reject('unsupported_event', `MSH-9 is ${JSON.stringify(type)}, not ADT`);
  if (!events.has(event)) {
    return reject(
      'unsupported_event',
      `event ${JSON.stringify(event)} is not one this feed applies`,
    );
  }
  const controlId = message.component('MSH', 10, 1);
  if (controlId === '') return reject('missing_control_id', 'MSH-10 is empty');

  const messageAt = timestamp(message, 'MSH', 7, true);
  if ('reject' in messageAt) return messageAt;
  const eventTime = timestamp(message, 'EVN', 6, false);
  if ('reject' in eventTime) return eventTime;
  const admittedAt = timestamp(message, 'PV1', 44, false);
  if ('reject' in admittedAt) return admittedAt;
  const dischargedAt = timestamp(message, 'PV1', 45, false);
  if ('reject' in dischargedAt) return dischargedAt;

  const nhsNumber = pickNhsNumber(message);
  if (nhsNumber !== null) {
    const problem = nhsNumberProblem(nhsNumber);
    if (problem === 'nhs_number_format') {
      return reject(
        problem,
        `PID-3 NHS identifier has ${nhsNumber.length} characters, not 10 digits`,
      );
    }
    if (problem !== null) return reject(problem, 'PID-3 NHS number fails the modulus 11 check');
  }
  const birth = message.component('PID', 7, 1);
  const dateOfBirth = birth === '' ? null : parseHl7Date(birth);
  if (birth !== '' && dateOfBirth === null) {
    return reject(
      'invalid_timestamp',
      `PID-7 date of birth ${JSON.stringify(birth)} is not YYYYMMDD`,
    );
  }

  const spellId = message.component('PV1', 19, 1);
  if (spellId === '') return reject('missing_visit_number', 'PV1-19 is empty');
  const ward = message.component('PV1', 3, 1);
  if (ward === '' && (event === 'A01' || event === 'A02')) {
    return reject('missing_location', `PV1-3 has no ward for ${event}`);
  }
  const facility = message.component('MSH', 4, 1);

  return {
    message: {
      control_id: controlId,
      event_type: event as AdtEvent,
      event_at: eventTime.value ?? messageAt.value!,
      message_at: messageAt.value!,
      sending_facility: facility,
      spell_id: spellId,
      nhs_number: nhsNumber,
      date_of_birth: dateOfBirth,
      sex: sexes[message.component('PID', 8, 1).toUpperCase()] ?? 'U',
      patient_class: orNull(message.component('PV1', 2, 1)),
      ward_code: orNull(ward),
      room: orNull(message.component('PV1', 3, 2)),
      bed: orNull(message.component('PV1', 3, 3)),
      prior_ward_code: orNull(message.component('PV1', 6, 1)),
      admitted_at: admittedAt.value,
      discharged_at: dischargedAt.value,
    },
  };
}

/** The NHS-assigned identifier among PID-3's repetitions (assigning authority NHS or type NH). */
function pickNhsNumber(message: Hl7Fields): string | null {
  for (const repetition of message.repetitions('PID', 3)) {
    const authority = repetition[3] ?? '';
    const type = repetition[4] ?? '';
    if (authority.toUpperCase() === 'NHS' || type.toUpperCase() === 'NH') {
      const id = repetition[0] ?? '';
      if (id !== '') return id;
    }
  }
  return null;
}

function timestamp(
  message: Hl7Fields,
  segment: string,
  field: number,
  required: boolean,
): { value: Date | null } | { reject: AdtReject } {
  const raw = message.component(segment, field, 1);
  if (raw === '') {
    return required ? reject('invalid_timestamp', `${segment}-${field} is empty`) : { value: null };
  }
  const value = parseHl7Timestamp(raw);
  if (value === null) {
    return reject(
      'invalid_timestamp',
      `${segment}-${field} ${JSON.stringify(raw)} is not YYYYMMDDHHMM[SS][±ZZZZ]`,
    );
  }
  return { value };
}

function reject(reason_code: AdtReject['reason_code'], detail: string): { reject: AdtReject } {
  return { reject: { reason_code, detail } };
}

function orNull(value: string): string | null {
  return value === '' ? null : value;
}

/** Field access by HL7 position (MSH-n counts MSH-1 as the field separator itself). */
class Hl7Fields {
  private readonly bySegment = new Map<string, string[]>();

  constructor(
    segments: string[],
    private readonly encoding: Hl7Encoding,
  ) {
    for (const [index, segment] of segments.entries()) {
      const fields = (index === 0 ? segment.trimStart() : segment).split(encoding.field);
      const name = fields[0]!.trim();
      if (!this.bySegment.has(name))
        this.bySegment.set(
          name,
          name === 'MSH' ? ['MSH', encoding.field, ...fields.slice(1)] : fields,
        );
    }
  }

  has(segment: string): boolean {
    return this.bySegment.has(segment);
  }

  /** The first repetition's component (1-based), unescaped and trimmed; '' when absent. */
  component(segment: string, field: number, component: number): string {
    const value = this.bySegment.get(segment)?.[field];
    if (value === undefined || value === '') return '';
    const { repetition, component: separator, subcomponent } = this.encoding;
    const repeat = value.indexOf(repetition);
    const first = repeat === -1 ? value : value.slice(0, repeat);
    let start = 0;
    for (let k = 1; k < component; k += 1) {
      const next = first.indexOf(separator, start);
      if (next === -1) return '';
      start = next + 1;
    }
    const end = first.indexOf(separator, start);
    let part = end === -1 ? first.slice(start) : first.slice(start, end);
    const sub = part.indexOf(subcomponent);
    if (sub !== -1) part = part.slice(0, sub);
    return unescapeHl7(part, this.encoding).trim();
  }

  /** Every repetition of a field, as its unescaped, trimmed components. */
  repetitions(segment: string, field: number): string[][] {
    const value = this.bySegment.get(segment)?.[field];
    if (value === undefined || value === '') return [];
    const { repetition, component, subcomponent } = this.encoding;
    return value
      .split(repetition)
      .map((rep) =>
        rep
          .split(component)
          .map((part) => unescapeHl7(part.split(subcomponent)[0]!, this.encoding).trim()),
      );
  }
}
