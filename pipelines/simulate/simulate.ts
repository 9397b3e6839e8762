import { prepareSimulation, runHours, simulationSinks, summarise } from './prepare-simulation.js';
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
