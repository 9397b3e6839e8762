/** One HL7 message wrapped in MLLP framing: 0x0B, the message, 0x1C 0x0D. */
export function frameMllp(message: string): string {
  return `\x0b${message}\x1c\r`;
}
