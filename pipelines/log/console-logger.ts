import { pino, type DestinationStream } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Logger } from '../feeds/feed.js';

export interface ConsoleLoggerOptions {
  /** 'text' (default): one readable line per entry; 'json': JSON lines for a log collector. */
  format?: 'text' | 'json';
  /** Where lines go (default standard error, written synchronously). */
  destination?: DestinationStream;
  /** The clock that stamps each entry (default the system clock). */
  now?: () => Date;
}

/**
 * The service's logger, through pino: JSON lines (`{"level":"info","time":"…","message":"…",
 * …fields}`) for a log collector, or through pino-pretty one line per entry for a person at
 * a terminal (`20:41:07 INFO: inbox loaded files=12 rows=3400`). Fields never carry NHS
 * numbers: feeds pseudonymise before logging.
 */
export function consoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ fd: 2, sync: true });
  const now = options.now ?? (() => new Date());
  const stream =
    options.format === 'json'
      ? destination
      : PinoPretty({
          destination,
          sync: true,
          colorize: false,
          singleLine: true,
          messageKey: 'message',
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname',
        });
  const logger = pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
