import type { Principal } from './principal.js';

/** Token and session look-ups remembered for a few seconds; cleared on revoke and sign-out. */
export class CredentialCache {
  private readonly entries = new Map<string, { principal: Principal | null; at: number }>();

  constructor(
    private readonly ttlMs = 5000,
    private readonly clock: () => number = Date.now,
  ) {}

  async resolve(key: string, lookup: () => Promise<Principal | null>): Promise<Principal | null> {
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.principal;
    const principal = await lookup();
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { principal, at: now });
    return principal;
  }

  clear(): void {
    this.entries.clear();
  }
}
