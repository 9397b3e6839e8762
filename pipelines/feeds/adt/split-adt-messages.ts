const batchSegments = new Set(['FHS', 'BHS', 'BTS', 'FTS']);

/**
 * The messages in a file or stream, each as its segments joined by CR. Segments may be
 * separated by CR, LF or CRLF; MLLP framing (0x0B … 0x1C 0x0D) is tolerated and marks message
 * boundaries; each MSH segment starts a message; HL7 batch envelope segments (FHS, BHS, BTS,
 * FTS) and blank lines are not messages. Non-blank text that is not inside a message (before
 * the first MSH, or a frame without one) is returned as an entry of its own, so the caller
 * can reject it rather than lose it.
 */
export function splitAdtMessages(text: string): string[] {
  const groups: string[][] = [];
  for (const part of text.replaceAll('\x1c', '\x0b').split('\x0b')) {
    let current: string[] | null = null;
    for (const line of part.split(/\r\n|\r|\n/)) {
      const segment = line.replace(/^[\s\ufeff]+/, '').replace(/\s+$/, '');
      if (segment === '' || batchSegments.has(segment.slice(0, 3))) continue;
      if (current === null || segment.startsWith('MSH')) {
        current = [];
        groups.push(current);
      }
      current.push(segment);
    }
  }
  return groups.map((segments) => segments.join('\r'));
}
