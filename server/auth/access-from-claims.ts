import type { Role } from '../../pipelines/read/index.js';
import type { AccessRule } from './sign-in-settings.js';

/** A person's access worked out from their claims: a role and ICS scope (null = every ICS). */
export type Access = { role: Role; scope: string[] | null } | { role: null };

/** The ICS codes an organisation code stands for: null for all, undefined when unknown. */
export type OrgScope = (orgCode: string) => Promise<string[] | null | undefined>;

function textMatches(value: unknown, wanted: string): boolean {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return false;
  return value === wanted || value.split(':').includes(wanted);
}

/** The elements of the claim that the rule matches. */
function matches(rule: AccessRule, claims: Record<string, unknown>): unknown[] {
  const value = claims[rule.claim];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((element) => {
    if (rule.equals !== undefined) return element === rule.equals;
    if (element === null || typeof element !== 'object') return false;
    const fields = element as Record<string, unknown>;
    return Object.entries(rule.match!).every(([field, wanted]) =>
      textMatches(fields[field], wanted),
    );
  });
}

async function scopeOf(
  rule: AccessRule,
  elements: unknown[],
  orgScope: OrgScope,
): Promise<string[] | null | undefined> {
  if (rule.ics === 'all') return null;
  if (rule.ics) return rule.ics;
  const codes = new Set<string>();
  for (const element of elements) {
    const org = (element as Record<string, unknown>)[rule.icsFromOrg!];
    if (typeof org !== 'string') continue;
    const ics = await orgScope(org.trim().toUpperCase());
    if (ics === null) return null;
    for (const code of ics ?? []) codes.add(code);
  }
  return codes.size > 0 ? [...codes].sort() : undefined;
}

/**
 * Applies a provider's access rules to a person's claims. The first rule that matches (and,
 * for `icsFromOrg`, names a known organisation) decides the role; every matching rule with
 * that role adds its ICS scope. No rule matching means no access: there is no default role.
 */
export async function accessFromClaims(
  claims: Record<string, unknown>,
  rules: readonly AccessRule[],
  orgScope: OrgScope,
): Promise<Access> {
  let role: Role | null = null;
  let scope: Set<string> | null = new Set();
  for (const rule of rules) {
    if (role !== null && rule.role !== role) continue;
    const elements = matches(rule, claims);
    if (elements.length === 0) continue;
    const ruleScope = await scopeOf(rule, elements, orgScope);
    if (ruleScope === undefined) continue;
    role = rule.role;
    if (ruleScope === null) scope = null;
    else if (scope !== null) for (const code of ruleScope) scope.add(code);
  }
  if (role === null) return { role: null };
  return { role, scope: scope === null ? null : [...scope].sort() };
}

/** The values of the claims the rules look at, as short text (for the no-access page). */
export function claimsLookedAt(
  claims: Record<string, unknown>,
  rules: readonly AccessRule[],
): Array<{ claim: string; values: string[] }> {
  const names = [...new Set(rules.map((r) => r.claim))];
  return names.map((claim) => {
    const value = claims[claim];
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    const fields = [
      ...new Set(
        rules.filter((r) => r.claim === claim && r.match).flatMap((r) => Object.keys(r.match!)),
      ),
    ];
    return {
      claim,
      values: values
        .slice(0, 50)
        .map((element) =>
          element !== null && typeof element === 'object'
            ? fields
                .map((f) => `${f} ${String((element as Record<string, unknown>)[f] ?? '—')}`)
                .join(', ')
            : String(element),
        ),
    };
  });
}
