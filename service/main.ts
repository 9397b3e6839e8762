import { loadConfig } from '../pipelines/config.js';
import { consoleLogger } from '../pipelines/log/index.js';
import { defaultDemo, startObservatory } from './observatory.js';

const log = consoleLogger({ format: process.env.LOG_FORMAT === 'json' ? 'json' : 'text' });

/** A stop that has not finished by then exits anyway: what is committed is kept. */
const stopDeadlineMs = 4500;

try {
  const config = loadConfig();
  const speed = process.env.OBSERVATORY_DEMO_SPEED;
  const days = process.env.OBSERVATORY_DEMO_DAYS;
  const observatory = await startObservatory({
    config,
    log,
    buildPages: process.env.OBSERVATORY_BUILD_PAGES !== '0',
    demo: config.demo
      ? {
          ...defaultDemo,
          days: days === undefined ? defaultDemo.days : Number(days),
          speed: speed === undefined ? defaultDemo.speed : Number(speed),
        }
      : false,
  });
  process.stdout.write(
    [
      '',
      `ICS Flow Observatory on ${observatory.url}/`,
      observatory.signInUrl
        ? `Sign in (this machine only): ${observatory.signInUrl}`
        : `Sign in: ${observatory.url}/signin`,
      observatory.mllpPort ? `HL7 MLLP listener on ${config.host}:${observatory.mllpPort}` : '',
      config.demo ? 'Demo mode: a simulated ICS, with live feeds written to data/inbox.' : '',
      'The history loads in the background; the pages show its progress. Ctrl-C stops it.',
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n') + '\n',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing the file in its transaction; the rest waits for the next start', {
      signal,
    });
    const deadline = setTimeout(() => {
      log.warn('stop deadline reached: exiting with what is committed', { signal });
      process.exit(1);
    }, stopDeadlineMs);
    deadline.unref();
    observatory.close().then(
      () => {
        log.info('stopped', { signal });
        process.exit(0);
      },
      (error: unknown) => {
        log.error('stopped with an error', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  log.error('the observatory could not start', { error: (error as Error).message });
  process.exitCode = 1;
}
