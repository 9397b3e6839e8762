import type { DisclosureStatement } from '../contracts.js';
import type { Role } from '../principal.js';

/** docs/nhs-data.md, "Disclosure control for published outputs", with its thresholds as settings. */
export interface DisclosureRule {
  /** Roles whose outputs are controlled. */
  roles: Role[];
  /** Counts from suppressFrom to suppressTo (inclusive) are suppressed. */
  suppressFrom: number;
  suppressTo: number;
  /** Other counts are rounded to the nearest multiple of this. */
  roundTo: number;
  /** Percentages and rates get one decimal place only when the rounded denominator is at least this. */
  oneDecimalFrom: number;
  /** National organisation codes: not controlled. */
  nationalCodes: string[];
}

export const defaultDisclosureRule: DisclosureRule = {
  roles: ['public'],
  suppressFrom: 1,
  suppressTo: 7,
  roundTo: 5,
  oneDecimalFrom: 4000,
  nationalCodes: ['ENG'],
};

/** Reads `settings.disclosure` over the defaults; throws on a setting that makes no sense. */
export function disclosureRuleFrom(settings: Record<string, unknown>): DisclosureRule {
  const given = (settings.disclosure ?? {}) as Partial<DisclosureRule>;
  const rule = { ...defaultDisclosureRule, ...given };
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (
    ![rule.suppressFrom, rule.suppressTo, rule.roundTo, rule.oneDecimalFrom].every(whole) ||
    rule.roundTo < 1
  ) {
    throw new Error(
      'settings.disclosure: suppressFrom, suppressTo, roundTo and oneDecimalFrom must be whole numbers',
    );
  }
  if (rule.suppressFrom > rule.suppressTo)
    throw new Error('settings.disclosure: suppressFrom must not exceed suppressTo');
  return rule;
}

/** The header value stating the rule, e.g. `nhs-small-numbers; suppress=1-7; round=5`. */
export function disclosureHeader(rule: DisclosureRule): string {
  return `nhs-small-numbers; suppress=${rule.suppressFrom}-${rule.suppressTo}; round=${rule.roundTo}`;
}

export function disclosureStatement(rule: DisclosureRule): DisclosureStatement {
  return {
    rule: 'nhs-small-numbers',
    suppress: [rule.suppressFrom, rule.suppressTo],
    round: rule.roundTo,
    one_decimal_from_denominator: rule.oneDecimalFrom,
    not_controlled: rule.nationalCodes,
    intervals:
      'proportions: Wilson 95% interval recomputed from the rounded figures; other intervals withheld (with a value they give the exact count back); values over a suppressed count (means, medians, percentiles) suppressed',
  };
}
