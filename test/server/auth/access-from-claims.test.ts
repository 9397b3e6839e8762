import { describe, expect, it } from 'vitest';
import { accessFromClaims } from '../../../server/auth/access-from-claims.js';
import { authSettingsFrom } from '../../../server/auth/sign-in-settings.js';

const orgs: Record<string, string[] | null> = {
  R0A: ['QOP'],
  RW6: ['QWE'],
  Y62: ['QOP', 'QWE'],
  ENG: null,
};
const orgScope = async (code: string) => (code in orgs ? orgs[code] : undefined);

const provider = (access: unknown[]) => ({
  auth: {
    providers: [{ id: 'cis2', issuer: 'https://idp.example.nhs.uk', clientId: 'c', access }],
  },
});
const rulesOf = (access: unknown[]) => authSettingsFrom(provider(access), {}).providers[0]!.access;

const cis2Rules = rulesOf([
  {
    claim: 'nhsid_nrbac_roles',
    match: { role_code: 'R8001' },
    role: 'operations',
    icsFromOrg: 'org_code',
  },
  {
    claim: 'nhsid_nrbac_roles',
    match: { role_code: 'R8008', org_code: 'Y62' },
    role: 'regional',
    ics: 'all',
  },
  { claim: 'groups', equals: 'g-analysts', role: 'analyst', ics: ['QWE'] },
]);
const role = (org_code: string, role_code: string) => ({ org_code, role_code });

describe('accessFromClaims(claims, rules, orgScope)', () => {
  it('gives the role of the first matching rule, scoped to the ICS of each matching organisation', async () => {
    expect(
      await accessFromClaims(
        { nhsid_nrbac_roles: [role('R0A', 'S8000:G8000:R8001'), role('RW6', 'S8000:G8000:R8001')] },
        cis2Rules,
        orgScope,
      ),
    ).toEqual({ role: 'operations', scope: ['QOP', 'QWE'] });
    expect(
      await accessFromClaims({ nhsid_nrbac_roles: [role('Y62', 'R8001')] }, cis2Rules, orgScope),
    ).toEqual({ role: 'operations', scope: ['QOP', 'QWE'] });
  });

  it('matches a role code as one of its colon-separated codes, never as a substring', async () => {
    expect(
      await accessFromClaims(
        { nhsid_nrbac_roles: [role('R0A', 'S8000:G8000:R80012')] },
        cis2Rules,
        orgScope,
      ),
    ).toEqual({ role: null });
  });

  it('needs every field of a match, and an organisation it knows', async () => {
    expect(
      await accessFromClaims({ nhsid_nrbac_roles: [role('R0A', 'R8008')] }, cis2Rules, orgScope),
    ).toEqual({ role: null });
    expect(
      await accessFromClaims({ nhsid_nrbac_roles: [role('ZZZ', 'R8001')] }, cis2Rules, orgScope),
    ).toEqual({ role: null });
    expect(
      await accessFromClaims({ nhsid_nrbac_roles: [role('Y62', 'R8008')] }, cis2Rules, orgScope),
    ).toEqual({ role: 'regional', scope: null });
  });

  it('maps a group id, and gives no role at all to a person matching no rule', async () => {
    expect(await accessFromClaims({ groups: ['x', 'g-analysts'] }, cis2Rules, orgScope)).toEqual({
      role: 'analyst',
      scope: ['QWE'],
    });
    expect(await accessFromClaims({ groups: ['x'], name: 'A' }, cis2Rules, orgScope)).toEqual({
      role: null,
    });
    expect(await accessFromClaims({}, cis2Rules, orgScope)).toEqual({ role: null });
  });
});

describe('authSettingsFrom(settings, env)', () => {
  it('has no providers (and so the local sign-in) when none are configured', () => {
    expect(authSettingsFrom({}, {}).providers).toEqual([]);
  });

  it('reads the client secret from the named environment variable, and names a missing one', () => {
    const settings = provider([{ claim: 'groups', equals: 'g', role: 'analyst', ics: 'all' }]);
    (settings.auth.providers[0] as Record<string, unknown>).clientSecretEnv = 'CIS2_SECRET';
    expect(authSettingsFrom(settings, { CIS2_SECRET: 's3' }).providers[0]!.clientSecret).toBe('s3');
    expect(() => authSettingsFrom(settings, {})).toThrow(
      'settings.auth.providers[0].clientSecretEnv names CIS2_SECRET, which is not set in the environment',
    );
  });

  it('refuses a provider without rules (no default role), a rule without a scope, and a plain-http issuer', () => {
    expect(() => rulesOf([])).toThrow(/at least one rule/);
    expect(() => rulesOf([{ claim: 'groups', equals: 'g', role: 'analyst' }])).toThrow(
      /exactly one of "ics"/,
    );
    expect(() => rulesOf([{ claim: 'groups', equals: 'g', role: 'boss', ics: 'all' }])).toThrow(
      /role must be one of/,
    );
    const plain = provider([{ claim: 'groups', equals: 'g', role: 'analyst', ics: 'all' }]);
    plain.auth.providers[0]!.issuer = 'http://idp.example.nhs.uk';
    expect(() => authSettingsFrom(plain, {})).toThrow(/must be an https URL/);
    expect(() => authSettingsFrom({ auth: { clockToleranceSeconds: 3600 } }, {})).toThrow(
      /up to 300/,
    );
  });
});
