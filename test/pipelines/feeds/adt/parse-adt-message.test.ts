import { describe, expect, it } from 'vitest';
import {
  adtEvents,
  parseAdtMessage,
  type AdtMessage,
  type AdtParseResult,
} from '../../../../pipelines/feeds/adt/index.js';
import { adtMessage, nhsNumber } from './adt-test-kit.js';

function message(result: AdtParseResult): AdtMessage {
  if ('reject' in result)
    throw new Error(`rejected: ${result.reject.reason_code} ${result.reject.detail}`);
  return result.message;
}

function reason(result: AdtParseResult): string {
  return 'reject' in result ? result.reject.reason_code : 'accepted';
}

const base = { id: 'C1', at: '20250601101500+0100', ward: 'W1', bed: 'B1', visit: 'V9' };

describe('parseAdtMessage(text)', () => {
  it.each(adtEvents)('reads a %s message', (event) => {
    const parsed = message(parseAdtMessage(adtMessage({ ...base, event })));
    expect(parsed.event_type).toBe(event);
    expect(parsed.control_id).toBe('C1');
    expect(parsed.sending_facility).toBe('XT101');
    expect(parsed.spell_id).toBe('V9');
    expect(parsed.ward_code).toBe('W1');
    expect(parsed.bed).toBe('B1');
    expect(parsed.event_at.toISOString()).toBe('2025-06-01T09:15:00.000Z');
  });

  it('reads every field the feed uses', () => {
    const parsed = message(
      parseAdtMessage(
        adtMessage({
          ...base,
          event: 'A02',
          sent: '20250601101700+0100',
          prior: 'W2',
          admit: '20250531230000+0100',
          discharge: '',
          dob: '19451107',
          sex: 'M',
          patientClass: 'E',
          nhs: '9434765919',
        }),
      ),
    );
    expect(parsed).toMatchObject({
      message_at: new Date('2025-06-01T09:17:00Z'),
      event_at: new Date('2025-06-01T09:15:00Z'),
      admitted_at: new Date('2025-05-31T22:00:00Z'),
      discharged_at: null,
      prior_ward_code: 'W2',
      date_of_birth: '1945-11-07',
      sex: 'M',
      patient_class: 'E',
      nhs_number: '9434765919',
      room: null,
    });
  });

  it('takes the event from EVN-1 when MSH-9 has no trigger event', () => {
    const text = adtMessage({ ...base, event: 'A03' }).replace('ADT^A03^ADT_A01', 'ADT');
    expect(message(parseAdtMessage(text)).event_type).toBe('A03');
  });

  it('falls back to MSH-7 when EVN-6 is empty', () => {
    const text = adtMessage({ ...base, event: 'A01', sent: '20250601120000+0100' }).replace(
      /\rEVN\|[^\r]*/,
      '\rEVN|A01|20250601120000+0100',
    );
    expect(message(parseAdtMessage(text)).event_at.toISOString()).toBe('2025-06-01T11:00:00.000Z');
  });

  it('accepts LF and CRLF segment separators', () => {
    const text = adtMessage({ ...base, event: 'A01' });
    expect(message(parseAdtMessage(text.replaceAll('\r', '\n'))).control_id).toBe('C1');
    expect(message(parseAdtMessage(text.replaceAll('\r', '\r\n'))).control_id).toBe('C1');
  });

  it.each([
    ['20250601101500+0100', '2025-06-01T09:15:00.000Z'],
    ['20250601101500-0500', '2025-06-01T15:15:00.000Z'],
    ['202506011015+0000', '2025-06-01T10:15:00.000Z'],
    ['20250601101530.25+0000', '2025-06-01T10:15:30.250Z'],
    ['20250701120000', '2025-07-01T11:00:00.000Z'],
    ['20250115120000', '2025-01-15T12:00:00.000Z'],
    ['20251026013000', '2025-10-26T00:30:00.000Z'],
    ['20251026023000', '2025-10-26T02:30:00.000Z'],
    ['20250330013000', '2025-03-30T01:30:00.000Z'],
    ['20250330003000', '2025-03-30T00:30:00.000Z'],
    ['20240229235959+0000', '2024-02-29T23:59:59.000Z'],
  ])('reads the timestamp %s as %s', (at, utc) => {
    expect(
      message(parseAdtMessage(adtMessage({ ...base, event: 'A01', at }))).event_at.toISOString(),
    ).toBe(utc);
  });

  it.each([
    '20250230101500+0000',
    '20230229101500+0000',
    '2025060110',
    '20250601246000+0000',
    '20250601106000+0000',
    '20250601101561+0000',
    '20250601101500+01',
    '20250601101500+1500',
    '2025-06-01T10:15',
    'yesterday',
  ])('rejects the timestamp %s as invalid_timestamp', (at) => {
    const result = parseAdtMessage(adtMessage({ ...base, event: 'A01', at }));
    expect(reason(result)).toBe('invalid_timestamp');
  });

  it('rejects an invalid PV1-44 admit time and PID-7 date of birth', () => {
    expect(reason(parseAdtMessage(adtMessage({ ...base, event: 'A01', admit: '2025x' })))).toBe(
      'invalid_timestamp',
    );
    expect(reason(parseAdtMessage(adtMessage({ ...base, event: 'A01', dob: '19801340' })))).toBe(
      'invalid_timestamp',
    );
  });

  it.each([
    ['9434765919', 'accepted'],
    [nhsNumber(42), 'accepted'],
    ['9434765918', 'nhs_number_checksum'],
    ['9434765910', 'nhs_number_checksum'],
    ['1000000010', 'nhs_number_checksum'],
    ['1000000060', 'accepted'],
    ['943476591', 'nhs_number_format'],
    ['94347659190', 'nhs_number_format'],
    ['943 476 5919', 'nhs_number_format'],
    ['ABCDEFGHIJ', 'nhs_number_format'],
  ])('checks the NHS number %s: %s', (nhs, expected) => {
    expect(reason(parseAdtMessage(adtMessage({ ...base, event: 'A01', nhs })))).toBe(expected);
  });

  it('never puts the NHS number in a reject detail', () => {
    const result = parseAdtMessage(adtMessage({ ...base, event: 'A01', nhs: '9434765918' }));
    expect('reject' in result && result.reject.detail).not.toContain('9434765918');
  });

  it('picks the NHS-assigned identifier among PID-3 repetitions', () => {
    const text = adtMessage({ ...base, event: 'A01', nhs: '9434765919' }).replace(
      /PID\|1\|\|[^|]*/,
      'PID|1||12345^^^XT101^MR~9434765919^^^NHS^NH~777^^^PAS^PI',
    );
    expect(message(parseAdtMessage(text)).nhs_number).toBe('9434765919');
    const byType = text.replace('^^^NHS^NH', '^^^X^NH');
    expect(message(parseAdtMessage(byType)).nhs_number).toBe('9434765919');
    const none = text.replace('9434765919^^^NHS^NH', '999^^^PAS^PI');
    expect(message(parseAdtMessage(none)).nhs_number).toBeNull();
  });

  it('replaces escape sequences after splitting on the delimiters', () => {
    const text = adtMessage({
      ...base,
      event: 'A01',
      bed: 'B\\S\\1\\F\\2\\T\\3\\R\\4\\E\\5\\X41\\',
    });
    expect(message(parseAdtMessage(text)).bed).toBe('B^1|2&3~4\\5A');
  });

  it('respects the encoding characters declared in MSH-1 and MSH-2', () => {
    const text = adtMessage({ ...base, event: 'A02', bed: 'B\\S\\1' })
      .replaceAll('|', '#')
      .replaceAll('^', '$')
      .replace('MSH#$~\\&', 'MSH#$~\\&');
    const parsed = message(parseAdtMessage(text));
    expect(parsed.event_type).toBe('A02');
    expect(parsed.ward_code).toBe('W1');
    expect(parsed.bed).toBe('B$1');
    expect(parsed.nhs_number).toBe(nhsNumber(1));
  });

  it.each([
    ['missing PV1', (t: string) => t.replace(/\rPV1[^\r]*/, ''), 'missing_segment'],
    ['missing PID', (t: string) => t.replace(/\rPID[^\r]*/, ''), 'missing_segment'],
    ['not starting with MSH', (t: string) => t.slice(4), 'not_hl7'],
    ['an empty string', () => '', 'not_hl7'],
    ['plain text', () => 'hello world', 'not_hl7'],
    ['an unsupported event', (t: string) => t.replace('ADT^A01', 'ADT^A04'), 'unsupported_event'],
    ['a non-ADT message', (t: string) => t.replace('ADT^A01', 'ORU^R01'), 'unsupported_event'],
    ['no control id', (t: string) => t.replace('|C1|P|', '||P|'), 'missing_control_id'],
    ['no visit number', (t: string) => t.replace('|V9', '|'), 'missing_visit_number'],
    [
      'no MSH-7',
      (t: string) => t.replace('|20250601101500+0100||ADT', '|||ADT'),
      'invalid_timestamp',
    ],
    ['an A01 with no ward', (t: string) => t.replace('W1^^B1^XT101', ''), 'missing_location'],
  ])('rejects a message with %s', (_name, change, expected) => {
    const result = parseAdtMessage(change(adtMessage({ ...base, event: 'A01' })));
    expect(reason(result)).toBe(expected);
    if ('reject' in result) expect(result.reject.detail.length).toBeGreaterThan(5);
  });

  it('accepts an A03 or A11 with no location', () => {
    for (const event of ['A03', 'A11']) {
      const text = adtMessage({ ...base, event }).replace('W1^^B1^XT101', '');
      expect(message(parseAdtMessage(text)).ward_code).toBeNull();
    }
  });

  it('maps PID-8 sex codes to M, F, X and U', () => {
    const sexOf = (sex: string) =>
      message(parseAdtMessage(adtMessage({ ...base, event: 'A08', sex }))).sex;
    expect([sexOf('M'), sexOf('F'), sexOf('O'), sexOf('A'), sexOf('U'), sexOf('')]).toEqual([
      'M',
      'F',
      'X',
      'X',
      'U',
      'U',
    ]);
  });
});
