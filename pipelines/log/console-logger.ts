import type { Logger } from '../feeds/feed.js';

type Level = 'info' | 'warn' | 'error';

/**
 * The service's logger: one line per entry on stderr, readable for a person at a terminal
 * (`20:41:07 info  inbox loaded files=12 rows=3400`) or JSON lines for a log collector
 * (`format: 'json'`). Fields never carry NHS numbers: feeds pseudonymise before logging.
 */
export function consoleLogger(
  options: { format?: 'text' | 'json'; write?: (line: string) => void; now?: () => Date } = {},
): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const now = options.now ?? (() => new Date());
  const emit = (level: Level, message: string, fields?: Record<string, unknown>) => {
    const at = now();
    if (options.format === 'json') {
      write(JSON.stringify({ at: at.toISOString(), level, message, ...fields }));
      return;
    }
    const time = at.toISOString().slice(11, 19);
    const rest = fields
      ? Object.entries(fields)
          .map(([key, value]) => `${key}=${typeof value === 'string' ? value : stringify(value)}`)
          .join(' ')
      : '';
    write(`${time} ${level.padEnd(5)} ${message}${rest ? ' ' + rest : ''}`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}
