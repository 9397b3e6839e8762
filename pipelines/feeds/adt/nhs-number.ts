import { createHmac } from 'node:crypto';

/**
 * Why a value is not a valid NHS number, or null when it is one: 10 digits whose last is the
 * modulus 11 check digit (weights 10..2; check = 11 − (sum mod 11), 11 → 0, 10 → invalid).
 */
export function nhsNumberProblem(
  value: string,
): 'nhs_number_format' | 'nhs_number_checksum' | null {
  if (!/^\d{10}$/.test(value)) return 'nhs_number_format';
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(value[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return 'nhs_number_checksum';
  return (check === 11 ? 0 : check) === Number(value[9]) ? null : 'nhs_number_checksum';
}

/** The keyed pseudonym of an NHS number: lowercase hex HMAC-SHA256 of its ASCII digits. */
export function pseudonymiseNhsNumber(keyHex: string, nhsNumber: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(nhsNumber, 'ascii').digest('hex');
}
