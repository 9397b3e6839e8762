import { loadConfig } from '../pipelines/config.js';
import { consoleLogger } from '../pipelines/log/index.js';
import { defaultDemo, startObservatory } from './observatory.js';

const log = consoleLogger({ format: process.env.LOG_FORMAT === 'json' ? 'json' : 'text' });

try {
  const config = loadConfig();
  const speed = process.env.OBSERVATORY_DEMO_SPEED;
  const days = process.env.OBSERVATORY_DEMO_DAYS;
  const observatory = await startObservatory({
    config,
    log,
    buildPages: true,
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
      `Sign in (this machine only): ${observatory.signInUrl}`,
      observatory.mllpPort ? `HL7 MLLP listener on ${config.host}:${observatory.mllpPort}` : '',
      config.demo ? 'Demo mode: a simulated ICS, with live feeds written to data/inbox.' : '',
      'Ctrl-C stops it.',
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n') + '\n',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing in-flight requests and the current load', { signal });
    observatory.close().then(
      () => process.exit(0),
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
