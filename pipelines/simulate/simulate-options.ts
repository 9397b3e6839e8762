import type { Clock } from '../clock/index.js';
import type { Logger } from '../feeds/feed.js';
import type { Scale } from './region-simulation.js';

export interface SimulateOptions {
  days: number;
  seed: string | number;
  /** The inbox folder: files go to `<out>/ae`, `<out>/adt`, … */
  out: string;
  scale?: Scale;
  /**
   * Where the history starts: a local day YYYY-MM-DD (London midnight) or an ISO 8601 instant
   * (rounded down to the hour). Default: so that the history ends `lagHours` before the
   * current hour.
   */
  start?: string;
  /** Without `start`: hours between the end of the history and the current hour (default 0). */
  lagHours?: number;
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
  /** Only `now()` is asked, for the default start. */
  clock: Pick<Clock, 'now'>;
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
