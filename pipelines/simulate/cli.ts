/**
 * `npm run simulate -- --days N --seed S --out DIR [--scale ics|region] [--start YYYY-MM-DD]
 *  [--lag HOURS] [--batch day|hour] [--dirty RATE] [--live --speed K]`
 */
import { systemClock } from '../clock/index.js';
import { simulate, startLiveSimulation } from './index.js';
import { parseSimulateArgs } from './parse-simulate-args.js';

const log = {
  info: (message: string, fields?: Record<string, unknown>) =>
    console.error(message, fields ? JSON.stringify(fields) : ''),
  warn: (message: string, fields?: Record<string, unknown>) =>
    console.error(message, fields ? JSON.stringify(fields) : ''),
  error: (message: string, fields?: Record<string, unknown>) =>
    console.error(message, fields ? JSON.stringify(fields) : ''),
};

function main(): void {
  let options: ReturnType<typeof parseSimulateArgs>;
  try {
    options = parseSimulateArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const progress = ({
    done,
    total,
    simulatedTo,
  }: {
    done: number;
    total: number;
    simulatedTo: Date;
  }) =>
    process.stderr.write(
      `\rsimulated ${simulatedTo.toISOString().slice(0, 13)}h  ${Math.round((100 * done) / total)}%  `,
    );
  const effects = { clock: systemClock, log, progress };
  if (!options.live) {
    const result = simulate(options, effects);
    process.stderr.write('\n');
    console.error(
      `wrote ${result.files} files, ${(result.bytes / 1e6).toFixed(1)} MB: ${result.attendances} attendances, ${result.spells} admissions, ${result.messages} ADT messages in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return;
  }
  const live = startLiveSimulation(options, effects);
  const stop = () => {
    void live.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main();
