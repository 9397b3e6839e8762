import { createHash, createHmac } from 'node:crypto';

/**
 * The patient pseudonym: lowercase hex HMAC-SHA256 of the ASCII NHS number under the key (64
 * hex characters). The CSV feeds compute the same value inside DuckDB with the `nhs_pseudonym`
 * macro (migration 020) and the pads of `hmacPads`; test/pipelines/ingest/pseudonym.test.ts
 * checks the two agree.
 */
export function pseudonymise(nhsNumber: string, keyHex: string): string {
  checkPseudonymKey(keyHex);
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(nhsNumber, 'ascii').digest('hex');
}

/** Throws unless the pseudonym key is exactly 64 hex characters (32 bytes). */
export function checkPseudonymKey(keyHex: string): void {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex))
    throw new Error('the pseudonym key must be 64 hexadecimal characters (32 bytes)');
}

/**
 * The inner and outer HMAC-SHA256 pads (RFC 2104) of a hex key, as hex, for the
 * `nhs_pseudonym(n, ipad_hex, opad_hex)` SQL macro: the key (hashed first when longer than
 * the 64-byte block) padded with zeros to 64 bytes, XOR 0x36 and XOR 0x5c. The key itself
 * never enters SQL text or the warehouse.
 */
export function hmacPads(keyHex: string): { ipadHex: string; opadHex: string } {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(keyHex)) {
    throw new Error('the pseudonym key must be a non-empty even-length hex string');
  }
  let key = Buffer.from(keyHex, 'hex');
  if (key.length > 64) key = createHash('sha256').update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  const ipad = Buffer.alloc(64);
  const opad = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) {
    ipad[i] = block[i]! ^ 0x36;
    opad[i] = block[i]! ^ 0x5c;
  }
  return { ipadHex: ipad.toString('hex'), opadHex: opad.toString('hex') };
}
