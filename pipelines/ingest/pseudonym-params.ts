/** Query parameters for the nhs_pseudonym SQL macro: the key's HMAC pads, hex. */
export type PseudonymParams = {
  pseudonym_ipad: string;
  pseudonym_opad: string;
};

/**
 * The HMAC-SHA256 inner and outer pads for a 32-byte key given as 64 hex characters
 * (RFC 2104: key zero-padded to the 64-byte block, XOR 0x36 / 0x5c), to pass as
 * `$pseudonym_ipad` / `$pseudonym_opad` to SQL built with pseudonymSql.
 */
export function pseudonymParams(keyHex: string): PseudonymParams {
  const block = Buffer.alloc(64);
  keyBytes(keyHex).copy(block);
  return {
    pseudonym_ipad: Buffer.from(block.map((b) => b ^ 0x36)).toString('hex'),
    pseudonym_opad: Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex'),
  };
}

/**
 * SQL computing the pseudonym of `columnSql` (an expression yielding the NHS number as
 * VARCHAR) inside DuckDB with the nhs_pseudonym macro (migration 020), identical to
 * pseudonymise(); bind pseudonymParams(key) with it as named parameters.
 */
export function pseudonymSql(columnSql: string): string {
  return `nhs_pseudonym(${columnSql}, $pseudonym_ipad, $pseudonym_opad)`;
}

/** The key's bytes; throws unless it is exactly 64 hex characters. */
export function keyBytes(keyHex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) {
    throw new Error('the pseudonym key must be 64 hexadecimal characters (32 bytes)');
  }
  return Buffer.from(keyHex, 'hex');
}
