import type { Logger } from '../feeds/feed.js';
import { createDailyBatchSink } from './daily-batch-sink.js';
import { createDirtySink } from './dirty-sink.js';
import { createFileSink, type FeedSink } from './feed-sink.js';
import { londonMidnightUtc } from './local-time.js';
import { readReference, type SyntheticReference } from './read-reference.js';
import { RegionSimulation, type Scale } from './region-simulation.js';

export { isValidNhsNumber } from './nhs-number.js';
export { buildReference } from './build-reference.js';
export type { Scale } from './region-simulation.js';

const hour = 3_600_000;
const day = 86_400_000;

export interface SimulateOptions {
  days: number;
  seed: string | number;
  /** The inbox folder: files go to `<out>/ae`, `<out>/adt`, … */
  out: string;
  scale?: Scale;
  /** First simulated local day (YYYY-MM-DD); default: so that the run ends at the current hour. */
  start?: string;
  /** Share of files (0–1) given one injected fault, logged in `<out>/manifest.dirty.json`. */
  dirty?: number;
  /** Folder of the *.synthetic.csv reference files (default data/reference). */
  referenceDir?: string;
  /** Days simulated before the start without writing, so beds are full when files begin. */
  warmupDays?: number;
  /**
   * 'hour' (default): A&E and ADT files per site and hour, as a live feed delivers them.
   * 'day': one A&E and one ADT file per day, as a backfill extract (the demo's history).
   */
  batch?: 'hour' | 'day';
}

export interface SimulateEffects {
  now: () => Date;
  log: Logger;
  progress?: (progress: { done: number; total: number; simulatedTo: Date }) => void;
}

export interface SimulateResult {
  start: Date;
  end: Date;
  files: number;
  bytes: number;
  attendances: number;
  spells: number;
  messages: number;
}

interface Prepared {
  simulation: RegionSimulation;
  start: number;
  end: number;
  warmStart: number;
}

const referenceCache = new Map<string, SyntheticReference>();

function prepare(options: SimulateOptions, effects: SimulateEffects): Prepared {
  if (!Number.isInteger(options.days) || options.days < 0) {
    throw new RangeError(`days must be a whole number of days ≥ 0, got ${options.days}`);
  }
  const dir = options.referenceDir ?? 'data/reference';
  let reference = referenceCache.get(dir);
  if (!reference) {
    reference = readReference(dir);
    referenceCache.set(dir, reference);
  }
  let start: number;
  if (options.start !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.start) || Number.isNaN(Date.parse(options.start))) {
      throw new RangeError(`start must be a date YYYY-MM-DD, got ${options.start}`);
    }
    start = londonMidnightUtc(options.start);
  } else {
    start = Math.floor(effects.now().getTime() / hour) * hour - options.days * day;
  }
  const end = start + options.days * day;
  const warmStart = start - (options.warmupDays ?? 28) * day;
  return {
    simulation: new RegionSimulation(reference, options.scale ?? 'ics', options.seed),
    start,
    end,
    warmStart,
  };
}

function sinkFor(options: SimulateOptions) {
  if (options.batch === 'day' && options.dirty) {
    throw new RangeError('dirty files are injected into hourly files: use batch "hour" with dirty');
  }
  const written = createFileSink(options.out);
  const daily = options.batch === 'day' ? createDailyBatchSink(written) : undefined;
  const files = {
    stats: written.stats,
    write: (daily ?? written).write,
    flush: () => daily?.flush(),
  };
  const dirty = options.dirty
    ? createDirtySink(files, options.dirty, `${options.seed}:dirty`, options.out)
    : undefined;
  return { files, sink: (dirty ?? files) as FeedSink, dirty };
}

function run(
  prepared: Prepared,
  from: number,
  to: number,
  sink: FeedSink | undefined,
  effects: SimulateEffects,
  census = true,
): void {
  const total = (to - from) / hour;
  let done = 0;
  for (let t = from; t < to; t += hour) {
    prepared.simulation.step(t, t >= prepared.start ? sink : undefined, census);
    done++;
    if (effects.progress && (done % 168 === 0 || done === total)) {
      effects.progress({ done, total, simulatedTo: new Date(t + hour) });
    }
  }
}

function summarise(prepared: Prepared, stats: { files: number; bytes: number }): SimulateResult {
  const counts = { attendances: 0, spells: 0, messages: 0 };
  for (const ics of prepared.simulation.icss) {
    counts.attendances += ics.counts.attendances;
    counts.spells += ics.counts.spells;
    counts.messages += ics.counts.messages;
  }
  return { start: new Date(prepared.start), end: new Date(prepared.end), ...stats, ...counts };
}

/**
 * Simulates `days` of the synthetic ICS (or region) and writes the five feeds into
 * `options.out`. The same options (seed included) always give byte-identical files.
 */
export function simulate(options: SimulateOptions, effects: SimulateEffects): SimulateResult {
  const prepared = prepare(options, effects);
  const { files, sink, dirty } = sinkFor(options);
  effects.log.info('simulate: start', {
    scale: options.scale ?? 'ics',
    from: new Date(prepared.start).toISOString(),
    to: new Date(prepared.end).toISOString(),
  });
  run(prepared, prepared.warmStart, prepared.end, sink, effects);
  prepared.simulation.finish(sink);
  dirty?.finish();
  files.flush();
  const result = summarise(prepared, files.stats);
  effects.log.info('simulate: done', { ...result });
  return result;
}

export interface LiveSimulation {
  /** Finishes the hour in progress, writes it, and stops. */
  stop(): Promise<void>;
  /** The start of the next simulated hour. */
  readonly simulatedTo: () => Date;
}

export interface LiveOptions extends SimulateOptions {
  /** Simulated minutes per wall-clock second (60 = an hour a second). */
  speed: number;
  /** Whether the history files already exist in `out` (replayed silently, not rewritten). */
  historyWritten?: boolean;
}

/**
 * Runs (or silently replays) the history of `options.days` ending at the current hour, then
 * keeps writing feed files hour by hour in accelerated real time until `stop()`.
 * Timers come from `effects.setTimer` (default setTimeout) so tests can drive it.
 */
export function startLiveSimulation(
  options: LiveOptions,
  effects: SimulateEffects & { setTimer?: (fn: () => void, ms: number) => () => void },
): LiveSimulation {
  if (!(options.speed > 0))
    throw new RangeError(`speed must be > 0 simulated minutes a second, got ${options.speed}`);
  const prepared = prepare(options, effects);
  const { files, sink, dirty } = sinkFor(options);
  run(
    prepared,
    prepared.warmStart,
    prepared.end,
    options.historyWritten ? undefined : sink,
    effects,
  );
  if (options.historyWritten) prepared.simulation.finish(sink);
  let next = prepared.end;
  let stopped = false;
  let cancel: (() => void) | undefined;
  const setTimer =
    effects.setTimer ??
    ((fn: () => void, ms: number) => {
      const handle = setTimeout(fn, ms);
      return () => clearTimeout(handle);
    });
  const msPerHour = (60 / options.speed) * 1000;
  const tick = (): void => {
    if (stopped) return;
    prepared.simulation.step(next, sink, !options.historyWritten);
    next += hour;
    cancel = setTimer(tick, msPerHour);
  };
  cancel = setTimer(tick, msPerHour);
  effects.log.info('simulate: live', { from: new Date(next).toISOString(), speed: options.speed });
  return {
    simulatedTo: () => new Date(next),
    async stop() {
      stopped = true;
      cancel?.();
      dirty?.finish();
      effects.log.info('simulate: stopped', {
        at: new Date(next).toISOString(),
        files: files.stats.files,
      });
    },
  };
}
