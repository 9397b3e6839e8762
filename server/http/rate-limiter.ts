export interface RateLimitSettings {
  /** Bucket size: the burst a caller may send at once. */
  burst: number;
  /** Tokens added per second: the sustained rate. */
  perSecond: number;
}

/** A token bucket per caller (token id, or address when signed out). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.settings.burst, at: now };
    bucket.tokens = Math.min(
      this.settings.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.settings.perSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.settings.perSecond));
  }

  /** The seconds until `key` could take a token (0: now), taking none. */
  waitFor(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(
      this.settings.burst,
      bucket.tokens + ((this.clock() - bucket.at) / 1000) * this.settings.perSecond,
    );
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.settings.perSecond));
  }

  private prune(now: number): void {
    const full = (this.settings.burst / this.settings.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}
