export const roles = ['admin', 'operations', 'analyst', 'regional', 'public'] as const;
export type Role = (typeof roles)[number];

/** A person signed in through an OpenID Connect provider. */
export interface Person {
  /** settings.auth.providers[].id */
  provider: string;
  /** The provider's subject identifier (`sub`). */
  subject: string;
  /** Display name, where the provider gives one. */
  name: string | null;
}

/**
 * Who is calling: a token (directly, or through a browser session) or a person signed in
 * through a provider, with its role and scope.
 */
export interface Principal {
  /** The token id; for a person, `provider:subject`. */
  tokenId: string;
  role: Role;
  /** ICS codes the caller may see; null = every ICS. */
  scope: string[] | null;
  label: string | null;
  via: 'bearer' | 'session';
  /** Set for a person's session. */
  person?: Person;
  /** When this answer stops being true without a further look-up (a person's session). */
  expiresAt?: Date;
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Roles that see operational data (live state, OPEL, forecasts, alerts, events): all but the public. */
export const operationalRoles: readonly Role[] = ['admin', 'operations', 'analyst', 'regional'];
