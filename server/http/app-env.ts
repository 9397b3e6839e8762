import type { Principal } from '../auth/principal.js';

/** Per-request values the middleware sets. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal | null;
    rows: number | undefined;
    auditParams: Record<string, unknown> | undefined;
    auditRoute: string | undefined;
  };
}
