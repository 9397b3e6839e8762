import { createDirtySink } from './dirty-sink.js';
import { createFileSink, type FeedSink } from './feed-sink.js';
import { londonMidnightUtc } from './local-time.js';
import { readReference, type SyntheticReference } from './read-reference.js';
import { RegionSimulation } from './region-simulation.js';
import type { SimulateEffects, SimulateOptions, SimulateResult } from './simulate-options.js';

export const hour = 3_600_000;
const day = 86_400_000;

export interface PreparedSimulation {
  simulation: RegionSimulation;
  /** First hour written (UTC ms). */
  start: number;
  /** End of the history (UTC ms, on the hour). */
  end: number;
  /** First hour simulated (without writing). */
  warmStart: number;
}

const referenceCache = new Map<string, SyntheticReference>();

/** The history's start instant from `options.start`, or from the clock and `lagHours`. */
function startOf(options: SimulateOptions, now: Date): number {
  const start = options.start;
  if (start === undefined) {
    const lag = options.lagHours ?? 0;
    if (!(lag >= 0)) throw new RangeError(`lagHours must be ≥ 0, got ${lag}`);
    return (Math.floor(now.getTime() / hour) - Math.ceil(lag)) * hour - options.days * day;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(start) && !Number.isNaN(Date.parse(start)))
    return londonMidnightUtc(start);
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(start) ? Date.parse(start) : NaN;
  if (Number.isNaN(instant))
    throw new RangeError(`start must be a date YYYY-MM-DD or an ISO 8601 instant, got ${start}`);
  return Math.floor(instant / hour) * hour;
}

/** Reads the reference data (once per folder) and places the history in time. */
export function prepareSimulation(
  options: SimulateOptions,
  effects: Pick<SimulateEffects, 'clock'>,
  simulation: { adtSlotMinutes?: number } = {},
): PreparedSimulation {
  if (!Number.isInteger(options.days) || options.days < 0) {
    throw new RangeError(`days must be a whole number of days ≥ 0, got ${options.days}`);
  }
  const dir = options.referenceDir ?? 'data/reference';
  let reference = referenceCache.get(dir);
  if (!reference) {
    reference = readReference(dir);
    referenceCache.set(dir, reference);
  }
  const start = startOf(options, effects.clock.now());
  const end = start + options.days * day;
  return {
    simulation: new RegionSimulation(reference, options.scale ?? 'ics', options.seed, {
      batch: options.batch,
      until: end,
      ...simulation,
    }),
    start,
    end,
    warmStart: start - (options.warmupDays ?? 28) * day,
  };
}

/** The sinks a run writes through: files, optionally batched by day, optionally dirtied. */
export function simulationSinks(options: SimulateOptions) {
  if (options.batch === 'day' && options.dirty) {
    throw new RangeError('dirty files are injected into hourly files: use batch "hour" with dirty');
  }
  const written = createFileSink(options.out);
  const files = { stats: written.stats, write: written.write };
  const dirty = options.dirty
    ? createDirtySink(files, options.dirty, `${options.seed}:dirty`, options.out)
    : undefined;
  return { files, sink: (dirty ?? files) as FeedSink, dirty };
}

/** Steps the simulation hour by hour over [from, to), writing the hours from `start` on. */
export function runHours(
  prepared: PreparedSimulation,
  from: number,
  to: number,
  sink: FeedSink | undefined,
  effects: Pick<SimulateEffects, 'progress'>,
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

export function summarise(
  prepared: PreparedSimulation,
  stats: { files: number; bytes: number },
): SimulateResult {
  const counts = { attendances: 0, spells: 0, messages: 0 };
  for (const ics of prepared.simulation.icss) {
    counts.attendances += ics.counts.attendances;
    counts.spells += ics.counts.spells;
    counts.messages += ics.counts.messages;
  }
  return { start: new Date(prepared.start), end: new Date(prepared.end), ...stats, ...counts };
}
