import { describe, expect, it } from 'vitest';
import { splitAdtMessages } from '../../../../pipelines/feeds/adt/index.js';
import { adtMessage } from './adt-test-kit.js';

const one = adtMessage({ event: 'A01', id: 'C1', at: '20250601101500+0100', ward: 'W1' });
const two = adtMessage({ event: 'A02', id: 'C2', at: '20250601111500+0100', ward: 'W2' });

describe('splitAdtMessages(text)', () => {
  it('starts a message at each MSH segment (CR separated)', () => {
    expect(splitAdtMessages(`${one}\r${two}\r`)).toEqual([one, two]);
  });

  it('tolerates LF and CRLF, and blank lines between messages', () => {
    expect(splitAdtMessages(`${one}\n\n${two}\n`.replaceAll('\r', '\n'))).toEqual([one, two]);
    expect(splitAdtMessages(`${one}\r\n\r\n${two}\r\n`.replaceAll(/\r(?!\n)/g, '\r\n'))).toEqual([
      one,
      two,
    ]);
  });

  it('tolerates MLLP framing', () => {
    expect(splitAdtMessages(`\x0b${one}\r\x1c\r\x0b${two}\x1c\r\n`)).toEqual([one, two]);
  });

  it('does not count a blank trailing segment, batch envelopes or a BOM as messages', () => {
    const batch = `\ufeffFHS|^~\\&|PAS\rBHS|^~\\&|PAS\r${one}\r${two}\rBTS|2\rFTS|1\r\r   \r`;
    expect(splitAdtMessages(batch)).toEqual([one, two]);
    expect(splitAdtMessages('\r\n \r')).toEqual([]);
  });

  it('keeps text outside any message as an entry of its own', () => {
    expect(splitAdtMessages(`garbage line\r${one}`)).toEqual(['garbage line', one]);
    expect(splitAdtMessages(`\x0b${one}\x1c\r\x0bnot hl7\x1c\r\x0b${two}\x1c\r`)).toEqual([
      one,
      'not hl7',
      two,
    ]);
  });
});
