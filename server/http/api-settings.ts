import type { RateLimitSettings } from './rate-limiter.js';

/** `settings.api` in the configuration file, with defaults. */
export interface ApiSettings {
  /** Largest pushed ingest body, in bytes (413 beyond). */
  maxIngestBytes: number;
  rateLimit: RateLimitSettings;
  /** Browser session lifetime. */
  sessionHours: number;
  /** How long the data version is trusted before it is read again. */
  versionTtlMs: number;
  cacheEntries: number;
  cacheBytes: number;
  /** SSE heartbeat comment interval. */
  heartbeatSeconds: number;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** How often an open event stream checks that its token or session is still live. */
  streamRecheckMs: number;
  /**
   * Behind a reverse proxy that sets X-Forwarded-For (and strips any the client sent): the
   * anonymous rate limit keys on its last address. Otherwise the socket's address is used.
   */
  trustProxy: boolean;
  /** Lifetime of the one-click sign-in link printed at start (single use). */
  signInLinkMinutes: number;
  /** Sign-in attempts per client address (POST /signin, GET /signin?token=). */
  signInRateLimit: RateLimitSettings;
  /** Longest wait before buffered audit entries are written (they are also written on stop). */
  auditFlushMs: number;
}

export const defaultApiSettings: ApiSettings = {
  maxIngestBytes: 64 * 1024 * 1024,
  rateLimit: { burst: 300, perSecond: 100 },
  sessionHours: 12,
  versionTtlMs: 1000,
  cacheEntries: 1000,
  cacheBytes: 128 * 1024 * 1024,
  heartbeatSeconds: 15,
  secureCookies: false,
  streamRecheckMs: 1000,
  trustProxy: false,
  signInLinkMinutes: 10,
  signInRateLimit: { burst: 10, perSecond: 0.2 },
  auditFlushMs: 1000,
};

export function apiSettingsFrom(settings: Record<string, unknown>): ApiSettings {
  const given = (settings.api ?? {}) as Partial<ApiSettings>;
  const merged = {
    ...defaultApiSettings,
    ...given,
    rateLimit: { ...defaultApiSettings.rateLimit, ...given.rateLimit },
    signInRateLimit: { ...defaultApiSettings.signInRateLimit, ...given.signInRateLimit },
  };
  for (const key of [
    'maxIngestBytes',
    'sessionHours',
    'cacheEntries',
    'cacheBytes',
    'heartbeatSeconds',
    'streamRecheckMs',
    'signInLinkMinutes',
    'auditFlushMs',
  ] as const) {
    if (typeof merged[key] !== 'number' || !(merged[key] > 0))
      throw new Error(`settings.api.${key} must be a positive number`);
  }
  if (!(merged.rateLimit.burst > 0) || !(merged.rateLimit.perSecond > 0)) {
    throw new Error('settings.api.rateLimit needs positive burst and perSecond');
  }
  return merged;
}
