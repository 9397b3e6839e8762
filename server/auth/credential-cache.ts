import type { Principal } from '../../pipelines/read/index.js';

/**
 * Token and session look-ups remembered for `ttlMs` (1 s by default, so a token revoked by any
 * means stops working within a second); cleared at once on revoke and sign-out here. Requests
 * that arrive while a look-up is under way share it. Keys are the presented secret (kept only
 * in memory, as long as the entry), so a remembered caller costs no hashing. An answer is
 * forgotten when a TTL has passed by the process's monotonic clock or by the service's clock
 * (which tests and demonstrations move), so session limits judged by the service's clock hold.
 */
export class CredentialCache {
  private readonly entries = new Map<
    string,
    { principal: Principal | null; at: number; serviceAt: number }
  >();
  private readonly pending = new Map<string, { looking: Promise<Principal | null>; at: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs = 1000,
    private readonly clock: () => number = () => performance.now(),
    private readonly serviceClock: () => number = () => Date.now(),
  ) {}

  resolve(
    key: string,
    lookup: () => Promise<Principal | null>,
  ): Principal | null | Promise<Principal | null> {
    const now = this.clock();
    const serviceNow = this.serviceClock();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs && Math.abs(serviceNow - hit.serviceAt) < this.ttlMs)
      return hit.principal;
    // A look-up started a TTL ago or more is not joined: its answer may predate a revoke.
    const under = this.pending.get(key);
    if (under && now - under.at < this.ttlMs) return under.looking;
    const generation = this.generation;
    const looking = lookup()
      .then((principal) => {
        // A clear() while looking up (a revoke) makes this answer stale: not kept.
        if (generation === this.generation) {
          if (this.entries.size >= 10_000) this.entries.clear();
          this.entries.set(key, { principal, at: now, serviceAt: serviceNow });
        }
        return principal;
      })
      .finally(() => {
        if (this.pending.get(key)?.looking === looking) this.pending.delete(key);
      });
    this.pending.set(key, { looking, at: now });
    return looking;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.pending.clear();
  }
}
