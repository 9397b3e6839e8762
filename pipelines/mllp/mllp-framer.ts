const startBlock = 0x0b;
const endBlock = 0x1c;
const carriageReturn = 0x0d;

/** What the framer found in the bytes pushed so far. */
export type MllpFrameEvent =
  | { kind: 'frame'; bytes: Buffer }
  /** A frame larger than the cap: only its first `head` bytes are kept, to answer it. */
  | { kind: 'oversized'; head: Buffer; size: number }
  /** Bytes outside any frame (whitespace aside), or a frame cut short by a new start block. */
  | { kind: 'garbage'; size: number };

/**
 * Splits a TCP byte stream into MLLP frames (0x0B message 0x1C 0x0D, HL7 v2 MLLP release 1),
 * whatever the chunking: a frame may span chunks, a chunk may hold several frames.
 * A 0x1C not followed by 0x0D still ends the frame.
 */
export class MllpFramer {
  private inFrame = false;
  private parts: Buffer[] = [];
  private size = 0;
  private head: Buffer | null = null;
  private skipCarriageReturn = false;
  private garbage = 0;

  constructor(
    private readonly maxFrameBytes: number,
    private readonly headBytes = 8192,
  ) {}

  push(chunk: Buffer): MllpFrameEvent[] {
    const events: MllpFrameEvent[] = [];
    let i = 0;
    if (this.skipCarriageReturn && chunk.length > 0) {
      if (chunk[0] === carriageReturn) i = 1;
      this.skipCarriageReturn = false;
    }
    while (i < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(startBlock, i);
        this.garbage += countNonWhitespace(chunk, i, start === -1 ? chunk.length : start);
        if (start === -1) break;
        this.beginFrame();
        i = start + 1;
        continue;
      }
      const end = chunk.indexOf(endBlock, i);
      const restart = chunk.indexOf(startBlock, i);
      if (restart !== -1 && (end === -1 || restart < end)) {
        this.garbage += this.size + (restart - i);
        this.inFrame = false;
        i = restart;
        continue;
      }
      this.append(chunk.subarray(i, end === -1 ? chunk.length : end));
      if (end === -1) break;
      events.push(this.endFrame());
      i = end + 1;
      if (i < chunk.length) {
        if (chunk[i] === carriageReturn) i += 1;
      } else {
        this.skipCarriageReturn = true;
      }
    }
    if (this.garbage > 0) {
      events.push({ kind: 'garbage', size: this.garbage });
      this.garbage = 0;
    }
    return events;
  }

  private beginFrame(): void {
    this.inFrame = true;
    this.parts = [];
    this.size = 0;
    this.head = null;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    if (this.head !== null) return;
    if (this.size <= this.maxFrameBytes) {
      this.parts.push(Buffer.from(bytes));
      return;
    }
    this.parts.push(bytes);
    this.head = Buffer.concat(this.parts).subarray(0, this.headBytes);
    this.head = Buffer.from(this.head);
    this.parts = [];
  }

  private endFrame(): MllpFrameEvent {
    this.inFrame = false;
    const event: MllpFrameEvent =
      this.head !== null
        ? { kind: 'oversized', head: this.head, size: this.size }
        : {
            kind: 'frame',
            bytes: this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts),
          };
    this.parts = [];
    this.head = null;
    return event;
  }
}

function countNonWhitespace(chunk: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const byte = chunk[i]!;
    if (byte !== 0x0d && byte !== 0x0a && byte !== 0x20 && byte !== 0x09) count += 1;
  }
  return count;
}
