import type { Logger } from '../pipelines/feeds/feed.js';

/** The same logger without its info lines (for chatty steps such as the simulator). */
export function quiet(log: Logger): Logger {
  return { info: () => {}, warn: log.warn, error: log.error };
}
