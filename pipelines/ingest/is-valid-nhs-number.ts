/**
 * NHS number check (NHS-DATA.md): exactly 10 ASCII digits; the first nine weighted 10..2,
 * check digit = 11 − (sum mod 11), where 11 means 0 and 10 means the number is invalid.
 * The SQL macro nhs_number_valid(s) (migration 010) is the same rule.
 */
export function isValidNhsNumber(s: string): boolean {
  if (!/^[0-9]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (10 - i) * (s.charCodeAt(i) - 48);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === s.charCodeAt(9) - 48;
}
