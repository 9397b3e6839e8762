import type { Logger } from '../../pipelines/feeds/feed.js';

/** A logger writing one line per message to stderr. */
export function consoleLog(): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
