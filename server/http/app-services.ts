import type { AppDeps } from '../app-deps.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CredentialCache } from '../auth/credential-cache.js';
import type { OpenIdSignIn } from '../auth/openid-sign-in.js';
import type { DataVersion } from '../cache/data-version.js';
import type { ResponseCache } from '../cache/response-cache.js';
import type { DisclosureRule } from '../../pipelines/read/index.js';
import type { ApiSettings } from './api-settings.js';

/** The app's shared parts, handed to route factories. */
export interface AppServices {
  deps: AppDeps;
  settings: ApiSettings;
  disclosureRule: DisclosureRule;
  cache: ResponseCache;
  dataVersion: DataVersion;
  audit: AuditLog;
  credentials: CredentialCache;
  /** People's sign-in through the configured OpenID Connect providers (`settings.auth`). */
  openId: OpenIdSignIn;
  /** Open SSE streams, closed on shutdown. */
  streams: Set<() => void>;
  /** The dependencies for one request: `connection` taken in turn from the pool. */
  requestDeps(): AppDeps;
  /** Marks data as changed here: new ETags, cache emptied. */
  invalidate(): void;
}
