// Windows-1252 0x80–0x9F (WHATWG Encoding Standard index); the five unassigned bytes map to
// the C1 control of the same value, as browsers do.
const high = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 bytes. Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as
 * Latin-1 C1 controls (so € comes out as U+0080); this follows the WHATWG table instead.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(high[c.charCodeAt(0) - 0x80]!),
  );
}
