export const roles = ['admin', 'operations', 'analyst', 'regional', 'public'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: a token (directly, or through a browser session) with its role and scope. */
export interface Principal {
  tokenId: string;
  role: Role;
  /** ICS codes the caller may see; null = every ICS. */
  scope: string[] | null;
  label: string | null;
  via: 'bearer' | 'session';
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
