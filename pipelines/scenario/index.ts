export { ScenarioError } from './scenario-error.js';
export {
  leverKinds,
  parseScenarioRequest,
  type Lever,
  type LeverKind,
  type ScenarioRequest,
} from './scenario-request.js';
export { readScenarioSeed, type SeedOptions } from './read-scenario-seed.js';
export type { FittedDistribution, ScenarioSeed, SeedSite } from './scenario-seed.js';
export { resolveLevers, noLevers, type SiteLevers } from './resolve-levers.js';
export {
  prepareScenario,
  runPreparedScenario,
  runScenario,
  scenarioClock,
  type PreparedScenario,
  type RunScenarioOptions,
  type ScenarioResult,
} from './run-scenario.js';
export {
  scenarioMeasures,
  type ScenarioMeasure,
  type ScenarioRun,
  type ScenarioValue,
} from './summarise-replications.js';
export { ScenarioRunner, type ScenarioRunnerDeps } from './scenario-runner.js';
export {
  failScenario,
  finishScenario,
  insertScenario,
  markScenarioInBrief,
  readScenarios,
  type SavedScenario,
} from './scenario-store.js';
export {
  defaultScenarioName,
  describeLever,
  describeLevers,
  scenarioNameMaxLength,
} from './describe-levers.js';
