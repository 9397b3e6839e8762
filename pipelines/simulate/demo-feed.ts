import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '../clock/index.js';
import type { Logger } from '../feeds/feed.js';
import { simulate } from './simulate.js';
import type { SimulateEffects, SimulateResult } from './simulate-options.js';
import { startLiveSimulation, type LiveSimulation } from './start-live-simulation.js';

/** The demo: a simulated history that ends a little before now, then a live feed. */
export interface DemoFeedOptions {
  days: number;
  seed: number;
  /** Catch-up speed, simulated minutes per wall-clock second; 0 = no live feed. */
  speed: number;
  /** Hours between the end of the history and the wall clock, replayed by the live feed. */
  lagHours: number;
  /** The inbox the feeds are written to. */
  out: string;
  referenceDir?: string;
  /** Where the demo remembers its history's start and how far it has written. */
  statePath: string;
}

interface DemoState {
  seed: number;
  days: number;
  start: string;
  releasedTo: string;
}

function readState(path: string, options: DemoFeedOptions): DemoState | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as DemoState;
    if (state.seed !== options.seed || state.days !== options.days) return undefined;
    if (Number.isNaN(Date.parse(state.start)) || Number.isNaN(Date.parse(state.releasedTo)))
      return undefined;
    return state;
  } catch {
    return undefined;
  }
}

function writeState(path: string, state: DemoState): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(state) + '\n');
  renameSync(`${path}.tmp`, path);
}

/** Writes the demo's history (daily files) ending `lagHours` before the clock's hour. */
export function writeDemoHistory(
  options: DemoFeedOptions,
  effects: SimulateEffects,
): SimulateResult {
  const result = simulate(
    {
      days: options.days,
      seed: options.seed,
      out: options.out,
      referenceDir: options.referenceDir,
      lagHours: options.lagHours,
      batch: 'day',
    },
    effects,
  );
  writeState(options.statePath, {
    seed: options.seed,
    days: options.days,
    start: result.start.toISOString(),
    releasedTo: result.end.toISOString(),
  });
  return result;
}

/**
 * Starts the demo's live feed where the last run (or the history) left off: it catches up with
 * the wall clock at `speed`, then follows it. Without a remembered state (a warehouse loaded
 * some other way), the feed starts `lagHours` before now.
 */
export function startDemoFeed(
  options: DemoFeedOptions,
  effects: { clock: Clock; log: Logger },
): LiveSimulation {
  const known = readState(options.statePath, options);
  let start = known?.start;
  const live = startLiveSimulation(
    {
      days: options.days,
      seed: options.seed,
      out: options.out,
      referenceDir: options.referenceDir,
      speed: options.speed,
      start,
      lagHours: options.lagHours,
      historyWritten: true,
      resumeFrom: known ? Date.parse(known.releasedTo) : undefined,
    },
    {
      ...effects,
      released(releasedTo) {
        writeState(options.statePath, {
          seed: options.seed,
          days: options.days,
          start: start ?? live.historyStart.toISOString(),
          releasedTo: releasedTo.toISOString(),
        });
      },
    },
  );
  start = live.historyStart.toISOString();
  return live;
}
