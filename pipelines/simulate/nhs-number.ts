/** Check digit of a 9-digit NHS number stem (modulus 11, weights 10..2), or -1 when invalid. */
export function nhsCheckDigit(stem: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (stem.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return -1;
  return check === 11 ? 0 : check;
}

/** Whether a string is a 10-digit NHS number with a correct modulus 11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  return /^\d{10}$/.test(value) && nhsCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48;
}

/**
 * The NHS number of synthetic person `index`: from the test range 999 000 000x–999 999 999x
 * (never issued to real people). The range holds about 909,000 valid numbers, so people
 * beyond that share numbers with others (a deliberate approximation at region scale).
 */
export function nhsNumberFor(index: number): string {
  let k = (index * 7919 + 104729) % 1_000_000;
  for (;;) {
    const stem = '999' + String(k).padStart(6, '0');
    const check = nhsCheckDigit(stem);
    if (check >= 0) return stem + String(check);
    k = (k + 1) % 1_000_000;
  }
}
