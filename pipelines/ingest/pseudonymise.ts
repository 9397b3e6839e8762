import { createHmac } from 'node:crypto';
import { keyBytes } from './pseudonym-params.js';

/** The patient pseudonym: lowercase hex HMAC-SHA256 of the ASCII NHS number under the key. */
export function pseudonymise(nhsNumber: string, keyHex: string): string {
  return createHmac('sha256', keyBytes(keyHex)).update(nhsNumber, 'ascii').digest('hex');
}
