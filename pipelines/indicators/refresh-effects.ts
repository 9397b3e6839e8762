import type { Logger } from '../feeds/feed.js';

/** What the refresh steps are given: the clock, the logger and the settings (config.settings). */
export interface RefreshEffects {
  now: Date;
  log: Logger;
  settings?: Record<string, unknown>;
}
