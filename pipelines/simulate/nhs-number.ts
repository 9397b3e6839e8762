import { nhsCheckDigit } from '../nhs-number/index.js';

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
