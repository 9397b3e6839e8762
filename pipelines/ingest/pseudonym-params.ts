import { checkPseudonymKey, hmacPads } from '../nhs-number/index.js';

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
  checkPseudonymKey(keyHex);
  const { ipadHex, opadHex } = hmacPads(keyHex);
  return { pseudonym_ipad: ipadHex, pseudonym_opad: opadHex };
}

/**
 * SQL computing the pseudonym of `columnSql` (an expression yielding the NHS number as
 * VARCHAR) inside DuckDB with the nhs_pseudonym macro (migration 020), identical to
 * pseudonymise(); bind pseudonymParams(key) with it as named parameters.
 */
export function pseudonymSql(columnSql: string): string {
  return `nhs_pseudonym(${columnSql}, $pseudonym_ipad, $pseudonym_opad)`;
}
