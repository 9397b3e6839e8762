import { isRole, roles, type Role } from '../../pipelines/read/index.js';

/**
 * One rule of a provider's access mapping: a person whose claim holds a matching value gets
 * the role, with the ICS scope the rule gives. Rules are in priority order: the first rule that
 * matches decides the role; every matching rule with that role adds its scope.
 */
export interface AccessRule {
  /** The claim looked at, e.g. `nhsid_nrbac_roles` (CIS2) or `groups` (Entra ID). */
  claim: string;
  /** Matches a text value (or a text element of a list), e.g. an Entra group id. */
  equals?: string;
  /**
   * Matches an object value (or an object element of a list) whose named fields all match,
   * e.g. `{"role_code": "R8001", "org_code": "RW6"}`. A value made of colon-separated codes
   * (`S8000:G8000:R8001`) matches any one of its codes.
   */
  match?: Record<string, string>;
  role: Role;
  /** ICS codes the role covers, or "all" for every ICS. */
  ics?: string[] | 'all';
  /**
   * The field of the matched object holding an organisation code (ODS): the scope is that
   * organisation's ICS (a trust's or site's ICS, an ICB itself, every ICS of a region).
   */
  icsFromOrg?: string;
  /** What the rule grants, in words, shown to a person who has no access. */
  description?: string;
}

export interface ProviderSettings {
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  /** From the environment variable named by `clientSecretEnv`; none for a public client. */
  clientSecret: string | undefined;
  scopes: string[];
  /** Claims naming the person: `subject` (default `sub`) and `name` (default `name`). */
  claims: { subject: string; name: string };
  /** Add the UserInfo endpoint's claims to the ID token's (default true, when offered). */
  userInfo: boolean;
  access: AccessRule[];
}

/** `settings.auth` in the configuration file, with defaults. */
export interface AuthSettings {
  providers: ProviderSettings[];
  /** Whom a person without access should ask (shown on the no-access page). */
  contact: string;
  /** A session ends after this long without a request. */
  idleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  absoluteHours: number;
  /** Allowed difference between our clock and the provider's for ID token times (≤ 300 s). */
  clockToleranceSeconds: number;
  /** The address people reach the observatory at (for redirect URIs); default the request's. */
  publicUrl: string | undefined;
}

const idPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;
const icsPattern = /^[A-Z0-9]{3,9}$/;

function fail(where: string, problem: string): never {
  throw new Error(`settings.auth${where} ${problem}`);
}

function text(value: unknown, where: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') fail(where, 'must be non-empty text');
  return value;
}

function rule(value: unknown, where: string): AccessRule {
  if (value === null || typeof value !== 'object') fail(where, 'must be an object');
  const given = value as Record<string, unknown>;
  const role = given.role;
  if (typeof role !== 'string' || !isRole(role))
    fail(`${where}.role`, `must be one of ${roles.join(', ')}`);
  const claim = text(given.claim, `${where}.claim`);
  const hasEquals = given.equals !== undefined;
  const hasMatch = given.match !== undefined;
  if (hasEquals === hasMatch) fail(where, 'needs exactly one of "equals" and "match"');
  if (hasEquals && typeof given.equals !== 'string') fail(`${where}.equals`, 'must be text');
  if (hasMatch) {
    const match = given.match;
    if (
      match === null ||
      typeof match !== 'object' ||
      Object.keys(match).length === 0 ||
      Object.values(match).some((v) => typeof v !== 'string' || v === '')
    )
      fail(`${where}.match`, 'must map field names to text, e.g. {"role_code": "R8001"}');
  }
  const scopes = [given.ics !== undefined, given.icsFromOrg !== undefined].filter(Boolean).length;
  if (scopes !== 1)
    fail(where, 'needs exactly one of "ics" (a list of ICS codes, or "all") and "icsFromOrg"');
  if (
    given.ics !== undefined &&
    given.ics !== 'all' &&
    !(
      Array.isArray(given.ics) &&
      given.ics.length > 0 &&
      given.ics.every((code) => typeof code === 'string' && icsPattern.test(code))
    )
  )
    fail(`${where}.ics`, 'must be "all" or a list of ICS codes such as ["QOP"]');
  if (given.icsFromOrg !== undefined) {
    text(given.icsFromOrg, `${where}.icsFromOrg`);
    if (!hasMatch) fail(where, 'uses "icsFromOrg", which needs "match" (an object claim)');
  }
  return {
    claim,
    equals: hasEquals ? (given.equals as string) : undefined,
    match: hasMatch ? (given.match as Record<string, string>) : undefined,
    role,
    ics: given.ics as AccessRule['ics'],
    icsFromOrg: given.icsFromOrg as string | undefined,
    description: typeof given.description === 'string' ? given.description : undefined,
  };
}

function provider(value: unknown, where: string, env: NodeJS.ProcessEnv): ProviderSettings {
  if (value === null || typeof value !== 'object') fail(where, 'must be an object');
  const given = value as Record<string, unknown>;
  const id = text(given.id, `${where}.id`);
  if (!idPattern.test(id)) fail(`${where}.id`, 'must be lower-case letters, digits and dashes');
  const issuer = text(given.issuer, `${where}.issuer`);
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    fail(`${where}.issuer`, `is not a URL: ${JSON.stringify(issuer)}`);
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    fail(`${where}.issuer`, 'must be an https URL (http only on this machine, for testing)');
  let clientSecret: string | undefined;
  if (given.clientSecretEnv !== undefined) {
    const name = text(given.clientSecretEnv, `${where}.clientSecretEnv`);
    clientSecret = env[name];
    if (!clientSecret)
      fail(`${where}.clientSecretEnv`, `names ${name}, which is not set in the environment`);
  }
  const scopes = given.scopes ?? ['openid', 'profile'];
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string') || !scopes.length)
    fail(`${where}.scopes`, 'must be a list of scope names');
  if (!scopes.includes('openid')) fail(`${where}.scopes`, 'must include "openid"');
  const claims = (given.claims ?? {}) as Record<string, unknown>;
  const access = given.access;
  if (!Array.isArray(access) || access.length === 0)
    fail(
      `${where}.access`,
      'must list at least one rule: nobody gets a role by default (see the README)',
    );
  return {
    id,
    label: text(given.label, `${where}.label`, id),
    issuer,
    clientId: text(given.clientId, `${where}.clientId`),
    clientSecret,
    scopes: scopes as string[],
    claims: {
      subject: text(claims.subject, `${where}.claims.subject`, 'sub'),
      name: text(claims.name, `${where}.claims.name`, 'name'),
    },
    userInfo: given.userInfo === undefined ? true : given.userInfo === true,
    access: access.map((r, i) => rule(r, `${where}.access[${i}]`)),
  };
}

function positive(value: unknown, where: string, fallback: number, max = Infinity): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0) || value > max)
    fail(where, `must be a positive number${max < Infinity ? ` up to ${max}` : ''}`);
  return value;
}

/** Reads `settings.auth`; throws a one-line error naming the setting that is wrong. */
export function authSettingsFrom(
  settings: Record<string, unknown>,
  env: NodeJS.ProcessEnv = process.env,
): AuthSettings {
  const given = (settings.auth ?? {}) as Record<string, unknown>;
  const list = given.providers ?? [];
  if (!Array.isArray(list)) fail('.providers', 'must be a list');
  const providers = list.map((p, i) => provider(p, `.providers[${i}]`, env));
  const ids = providers.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) fail('.providers', `name the id ${twice} twice`);
  let publicUrl: string | undefined;
  if (given.publicUrl !== undefined) {
    publicUrl = text(given.publicUrl, '.publicUrl').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+$/.test(publicUrl))
      fail('.publicUrl', 'must be a scheme and host, e.g. https://observatory.example.nhs.uk');
  }
  return {
    providers,
    contact: text(given.contact, '.contact', 'your observatory administrator'),
    idleMinutes: positive(given.idleMinutes, '.idleMinutes', 60),
    absoluteHours: positive(given.absoluteHours, '.absoluteHours', 12),
    clockToleranceSeconds: positive(given.clockToleranceSeconds, '.clockToleranceSeconds', 60, 300),
    publicUrl,
  };
}
