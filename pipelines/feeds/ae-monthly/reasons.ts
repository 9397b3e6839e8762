/** Why an ae-monthly row was quarantined: reason codes and their plain-English text. */
export const aeMonthlyReasons = {
  too_many_columns: 'The row has more fields than the header.',
  too_few_columns: 'The row has fewer fields than the header.',
  unreadable_row: 'The row could not be read as CSV (for example an unterminated quote).',
  bad_period:
    'The period is not a month: MSitAE expects MSitAE-<MONTH>-<YYYY>, NHS-R a YYYY-MM-01 date.',
  missing_org_code: 'The organisation code is empty.',
  bad_type: "The NHS-R department type is not '1', '2' or 'other'.",
  bad_count: 'A count is not a whole number of zero or more.',
  over4h_exceeds_attendances: 'More attendances over 4 hours than attendances of the same type.',
  extra_column_value: 'A value was found in an extra column beyond the published 22.',
  conflicting_row_in_file:
    'Another row of the same file has the same period and organisation (and type) with different figures; the first one is kept.',
  totals_mismatch: 'The totals row does not equal the sum of the provider rows above it.',
} as const;

export type AeMonthlyReason = keyof typeof aeMonthlyReasons;
