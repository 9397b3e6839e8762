/** How the receiver answers one message (HL7 v2 original-mode acknowledgement, MSA-1). */
export interface MllpAck {
  ack: 'AA' | 'AE' | 'AR';
  /** Why, for AE and AR: sent in MSA-3 and ERR-8. */
  text?: string;
  /** A reason code (e.g. nhs_number_checksum), mapped to an HL7 table 0357 error in ERR-3. */
  code?: string;
}

const hl7Errors: Record<string, string> = {
  not_hl7: '100^Segment sequence error',
  missing_segment: '100^Segment sequence error',
  missing_control_id: '101^Required field missing',
  missing_visit_number: '101^Required field missing',
  missing_location: '101^Required field missing',
  invalid_timestamp: '102^Data type error',
  nhs_number_format: '102^Data type error',
  nhs_number_checksum: '102^Data type error',
  unknown_facility: '103^Table value not found',
  unknown_ward: '103^Table value not found',
  unsupported_event: '201^Unsupported event code',
};

let ackSequence = 0;

/**
 * The ACK for `original` (its MSH read leniently; anything missing is left empty): the
 * sender and receiver swapped, MSA-2 echoing MSH-10, and for AE/AR an ERR segment.
 * Uses the original's delimiters, escaping the text with them.
 */
export function buildHl7Ack(original: string, result: MllpAck, now: Date): string {
  const msh = original.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiters = msh.startsWith('MSH') && msh.length >= 8 ? msh.slice(3, 8) : '|^~\\&';
  const [field, component, , escape] = [...delimiters] as [string, string, string, string];
  const fields = msh.startsWith('MSH') ? msh.split(field) : [];
  const at = (n: number) => fields[n - 1] ?? '';
  const event = at(9).split(component)[1] ?? '';
  const controlId = at(10).split(component)[0] ?? '';
  ackSequence = (ackSequence + 1) % 1_000_000;
  const ackId = `ACK${now.getTime().toString(36).toUpperCase()}${String(ackSequence).padStart(6, '0')}`;
  const escaped = escapeText(result.text ?? '', delimiters, escape);
  const segments = [
    [
      'MSH',
      delimiters.slice(1),
      at(5),
      at(6),
      at(3),
      at(4),
      hl7Time(now),
      '',
      `ACK${component}${event}${component}ACK`,
      ackId,
      at(11) || 'P',
      at(12) || '2.4',
    ].join(field),
    ['MSA', result.ack, controlId, escaped].join(field),
  ];
  if (result.ack !== 'AA') {
    const error = (hl7Errors[result.code ?? ''] ?? '207^Application internal error').replace(
      '^',
      component,
    );
    segments.push(
      ['ERR', '', '', `${error}${component}HL70357`, 'E', '', '', '', escaped].join(field),
    );
  }
  return segments.join('\r');
}

function escapeText(text: string, delimiters: string, escape: string): string {
  const names = ['F', 'S', 'R', 'E', 'T'];
  let out = '';
  for (const char of text.replace(/[\r\n]+/g, ' ')) {
    const index = delimiters.indexOf(char);
    out += index === -1 ? char : `${escape}${names[index]}${escape}`;
  }
  return out;
}

function hl7Time(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/[-T:]/g, '')}+0000`;
}
