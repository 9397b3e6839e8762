import type { Principal } from '../../pipelines/read/index.js';

/** Per-request values the middleware sets. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | null;
    /** Looks the request's credential up again (no cache): null once revoked or ended. */
    recheck: () => Promise<Principal | null>;
    rows: number | undefined;
    auditParams: Record<string, unknown> | undefined;
    auditRoute: string | undefined;
    /**
     * The /api/* security headers, once known: a cache hit sends them with its own headers in
     * one response (`sealed`), which the middleware then leaves as it is.
     */
    apiHeaders: Record<string, string> | undefined;
    sealed: boolean | undefined;
  };
}
