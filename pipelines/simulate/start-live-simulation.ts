import type { Clock } from '../clock/index.js';
import { hour, prepareSimulation, runHours, simulationSinks } from './prepare-simulation.js';
import { createReleaseSink } from './release-sink.js';
import type { SimulateEffects, SimulateOptions } from './simulate-options.js';

export interface LiveSimulation {
  /** Stops the feed; what is held (the hour in progress) is not written. */
  stop(): Promise<void>;
  /** The end of the last simulated hour (the simulation runs up to an hour ahead, unwritten). */
  readonly simulatedTo: () => Date;
  /** Every file describing time before this instant has been written: resume here. */
  readonly releasedTo: () => Date;
  /** Whether the feed has caught up with the wall clock. */
  readonly following: () => boolean;
  /** The start of the simulated history (pass it as `start` to resume the same feed). */
  readonly historyStart: Date;
}

export interface LiveOptions extends SimulateOptions {
  /** Catch-up speed: simulated minutes per wall-clock second while behind the wall clock. */
  speed: number;
  /** The history's files already exist in `out` (written by `simulate`): not rewritten. */
  historyWritten?: boolean;
  /** An earlier run wrote every file complete by this instant (UTC ms): resume after it. */
  resumeFrom?: number;
  /** Minutes of ADT messages per file (default 5): messages appear soon after they happen. */
  adtSlotMinutes?: number;
}

export interface LiveEffects extends Omit<SimulateEffects, 'clock'> {
  clock: Clock;
  /** Called after files are written, with the instant to resume from after a restart. */
  released?: (releasedTo: Date) => void;
}

/**
 * Replays the history silently (or writes it), then writes the feeds as a live source would:
 * hours between the end of the history and the wall clock are replayed at `speed` (catch-up),
 * then each site-hour A&E file is written when its hour ends and ADT messages in files of a
 * few minutes as they happen. No file is written before the instant it describes.
 */
export function startLiveSimulation(options: LiveOptions, effects: LiveEffects): LiveSimulation {
  if (!(options.speed > 0))
    throw new RangeError(`speed must be > 0 simulated minutes a second, got ${options.speed}`);
  const { clock, log } = effects;
  const prepared = prepareSimulation({ ...options, batch: 'hour' }, effects, {
    adtSlotMinutes: options.adtSlotMinutes ?? 5,
  });
  const { files, sink, dirty } = simulationSinks({ ...options, batch: 'hour' });
  const fresh = !options.historyWritten && options.resumeFrom === undefined;
  const resumeFrom = options.resumeFrom ?? prepared.end;
  const gate = createReleaseSink(sink, resumeFrom);
  let next: number;
  if (fresh) {
    runHours(prepared, prepared.warmStart, prepared.end, sink, effects);
    next = prepared.end;
  } else {
    // Hours before the resume point replay silently; the hour before it is simulated again
    // with writing on, so the messages it spills past its end are not lost (the files it
    // wrote before are dropped by the gate).
    next = Math.max(prepared.warmStart, Math.floor(resumeFrom / hour) * hour - hour);
    runHours(prepared, prepared.warmStart, next, undefined, effects);
    while (next < resumeFrom) {
      prepared.simulation.step(next, gate.sink, false);
      next += hour;
    }
  }
  const msPerHour = (60 / options.speed) * 1000;
  let stopped = false;
  let cancel: (() => void) | undefined;
  let following = false;

  const tick = (): void => {
    cancel = undefined;
    if (stopped) return;
    const now = clock.now().getTime();
    if (next <= now) {
      // The census goes in the first hour written: the history's, or with no history (0 days)
      // the first live hour; a resumed feed wrote it before.
      prepared.simulation.step(next, gate.sink, fresh);
      next += hour;
    }
    const written = gate.release(Math.min(now, next));
    if (written > 0) effects.released?.(new Date(gate.releasedTo()));
    let wait: number;
    if (next + hour <= now) wait = msPerHour;
    else if (next <= now) wait = 0;
    else {
      if (!following) {
        following = true;
        log.info('simulate: following the wall clock', { at: new Date(now).toISOString() });
      }
      wait = Math.min(gate.nextAt() ?? next, next) - now;
    }
    cancel = clock.setTimer(tick, Math.max(0, wait));
  };
  log.info('simulate: live', {
    from: new Date(resumeFrom).toISOString(),
    catchUpSpeed: options.speed,
  });
  cancel = clock.setTimer(tick, 0);
  return {
    simulatedTo: () => new Date(next),
    releasedTo: () => new Date(gate.releasedTo()),
    following: () => following,
    historyStart: new Date(prepared.start),
    async stop() {
      stopped = true;
      cancel?.();
      dirty?.finish();
      log.info('simulate: stopped', {
        releasedTo: new Date(gate.releasedTo()).toISOString(),
        files: files.stats.files,
      });
    },
  };
}
