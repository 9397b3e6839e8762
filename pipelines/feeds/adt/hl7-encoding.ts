/** The delimiters a message declares in MSH-1 and MSH-2 (HL7 v2 section 2.5). */
export interface Hl7Encoding {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

/**
 * The encoding characters of a message from its MSH segment, or null when the segment does
 * not declare them (no field separator after `MSH`, or fewer than the component character).
 * Missing trailing characters take the HL7 defaults `~\&`.
 */
export function readEncoding(msh: string): Hl7Encoding | null {
  if (!msh.startsWith('MSH') || msh.length < 5) return null;
  const field = msh[3]!;
  if (/[A-Za-z0-9\s]/.test(field)) return null;
  const end = msh.indexOf(field, 4);
  const declared = msh.slice(4, end === -1 ? undefined : end);
  if (declared.length < 1 || declared.includes(field)) return null;
  return {
    field,
    component: declared[0]!,
    repetition: declared[1] ?? '~',
    escape: declared[2] ?? '\\',
    subcomponent: declared[3] ?? '&',
  };
}

/**
 * A field value with its escape sequences replaced (HL7 v2 section 2.7): \F\ \S\ \T\ \R\ \E\
 * become the delimiters, \Xhh…\ the bytes it names (read as Latin-1), \.br\ a line break;
 * other formatting sequences (\H\, \N\, \.sp\ …) are dropped.
 */
export function unescapeHl7(value: string, encoding: Hl7Encoding): string {
  const escape = encoding.escape;
  if (!value.includes(escape)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf(escape, i);
    if (start === -1) {
      out += value.slice(i);
      break;
    }
    const end = value.indexOf(escape, start + 1);
    if (end === -1) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    out += decodeSequence(value.slice(start + 1, end), encoding);
    i = end + 1;
  }
  return out;
}

function decodeSequence(sequence: string, encoding: Hl7Encoding): string {
  switch (sequence) {
    case 'F':
      return encoding.field;
    case 'S':
      return encoding.component;
    case 'T':
      return encoding.subcomponent;
    case 'R':
      return encoding.repetition;
    case 'E':
      return encoding.escape;
    case '.br':
      return '\n';
  }
  if (/^X([0-9A-Fa-f]{2})+$/.test(sequence)) {
    return Buffer.from(sequence.slice(1), 'hex').toString('latin1');
  }
  return '';
}
