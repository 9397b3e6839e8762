import { describe, expect, it } from 'vitest';
import { buildHl7Ack } from '../../../pipelines/mllp/index.js';
import { adtMessage } from '../feeds/adt/adt-test-kit.js';

const original = adtMessage({ event: 'A02', id: 'CTRL-9', at: '20250601101500+0100', ward: 'W1' });
const now = new Date('2025-06-01T09:20:05Z');

describe('buildHl7Ack(original, result, now)', () => {
  it('swaps sender and receiver and echoes the control id in MSA-2', () => {
    const [msh, msa, ...rest] = buildHl7Ack(original, { ack: 'AA' }, now).split('\r');
    const fields = msh!.split('|');
    expect(fields.slice(0, 7)).toEqual([
      'MSH',
      '^~\\&',
      'OBSERVATORY',
      'ICS',
      'PAS',
      'XT101',
      '20250601092005+0000',
    ]);
    expect(fields[8]).toBe('ACK^A02^ACK');
    expect(fields[9]).toMatch(/^ACK/);
    expect(fields.slice(10)).toEqual(['P', '2.4']);
    expect(msa).toBe('MSA|AA|CTRL-9|');
    expect(rest).toEqual([]);
  });

  it('adds an ERR segment with the HL7 error and the reason, escaped, for AE and AR', () => {
    const ack = buildHl7Ack(
      original,
      { ack: 'AE', code: 'unknown_ward', text: 'unknown_ward: ward "W|9" not at XT101' },
      now,
    );
    const [, msa, err] = ack.split('\r');
    expect(msa).toBe('MSA|AE|CTRL-9|unknown_ward: ward "W\\F\\9" not at XT101');
    expect(err).toBe(
      'ERR|||103^Table value not found^HL70357|E||||unknown_ward: ward "W\\F\\9" not at XT101',
    );
    expect(buildHl7Ack('garbage', { ack: 'AR', text: 'not_hl7' }, now).split('\r')[1]).toBe(
      'MSA|AR||not_hl7',
    );
  });
});
