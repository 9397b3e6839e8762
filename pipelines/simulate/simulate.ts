import {
  hour,
  prepareSimulation,
  runHours,
  simulationSinks,
  summarise,
} from './prepare-simulation.js';
import type { SimulateEffects, SimulateOptions, SimulateResult } from './simulate-options.js';

/**
 * Simulates `days` of the synthetic ICS (or region) and writes the five feeds into
 * `options.out`. The same options (seed included) always give byte-identical files.
 */
export function simulate(options: SimulateOptions, effects: SimulateEffects): SimulateResult {
  const prepared = prepareSimulation(options, effects);
  const { files, sink, dirty } = simulationSinks(options);
  effects.log.info('simulate: start', {
    scale: options.scale ?? 'ics',
    from: new Date(prepared.start).toISOString(),
    to: new Date(prepared.end).toISOString(),
  });
  runHours(prepared, prepared.warmStart, prepared.end, sink, effects);
  prepared.simulation.finish(sink);
  dirty?.finish();
  const result = summarise(prepared, files.stats);
  effects.log.info('simulate: done', { ...result });
  return result;
}

/**
 * The `hours` after the history `options` describes (`start` must be given, as the history's
 * result states it), written into `out` as a live feed delivers them: A&E and ADT files per
 * site and hour, the sitrep at 08:00 and the discharge file at midnight. The history is
 * simulated again without writing, so these files continue it exactly, whatever its batch.
 */
export function simulateFollowingHours(
  options: Omit<SimulateOptions, 'out'> & { start: string },
  hours: number,
  out: string,
  effects: Pick<SimulateEffects, 'clock' | 'progress'>,
): { files: number; bytes: number } {
  if (!Number.isInteger(hours) || hours < 1)
    throw new RangeError(`hours must be a whole number ≥ 1, got ${hours}`);
  const following = { ...options, out, batch: 'hour' as const, dirty: 0 };
  const prepared = prepareSimulation(following, effects);
  const { files, sink } = simulationSinks(following);
  runHours(prepared, prepared.warmStart, prepared.end, undefined, effects);
  runHours(
    { ...prepared, start: prepared.end },
    prepared.end,
    prepared.end + hours * hour,
    sink,
    effects,
    false,
  );
  return { ...files.stats };
}
