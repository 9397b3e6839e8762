import type { SiteLevers } from './resolve-levers.js';
import type { ScenarioSeed } from './scenario-seed.js';
import { simulateReplication } from './simulate-replication.js';

/** Replications to run as baseline–scenario pairs on common random numbers. */
export interface ReplicationTask {
  seed: ScenarioSeed;
  baseline: SiteLevers[];
  scenario: SiteLevers[];
  envelope: number[][];
  local_hours: number[];
  random_seed: number;
  replications: number[];
}

export interface ReplicationPair {
  replication: number;
  baseline: Float64Array;
  scenario: Float64Array;
}

/** Runs each replication of the task twice (no change, then the levers) from the same streams. */
export function runPairs(task: ReplicationTask, done: (pair: ReplicationPair) => void): void {
  for (const replication of task.replications) {
    const common = {
      seed: task.seed,
      envelope: task.envelope,
      local_hours: task.local_hours,
      replication,
      random_seed: task.random_seed,
    };
    const baseline = simulateReplication({ ...common, levers: task.baseline });
    const scenario = simulateReplication({ ...common, levers: task.scenario });
    done({ replication, baseline, scenario });
  }
}
