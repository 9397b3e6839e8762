/**
 * The modulus 11 check digit of a 9-digit NHS number stem, or -1 when the stem has none: the
 * digits weighted 10..2 and summed; check = 11 − (sum mod 11), where 11 means 0 and 10 means
 * no number has this stem (docs/nhs-data.md, "NHS number"). The SQL macro `nhs_number_valid`
 * (migration 010) is the same rule, checked against this one by test/pipelines/ingest/pseudonym.test.ts.
 */
export function nhsCheckDigit(stem: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += (stem.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return -1;
  return check === 11 ? 0 : check;
}

/** Why a value is not a valid NHS number (10 ASCII digits, the last the check digit), or null. */
export function nhsNumberProblem(
  value: string,
): 'nhs_number_format' | 'nhs_number_checksum' | null {
  if (!/^[0-9]{10}$/.test(value)) return 'nhs_number_format';
  return nhsCheckDigit(value.slice(0, 9)) === value.charCodeAt(9) - 48
    ? null
    : 'nhs_number_checksum';
}

/** Whether a string is a 10-digit NHS number with a correct modulus 11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  return nhsNumberProblem(value) === null;
}
