export { formatAdtMessage, type AdtMessageInput } from './writers/adt-message.js';
export { buildReference } from './build-reference.js';
export { isValidNhsNumber } from '../nhs-number/index.js';
export type { Scale } from './region-simulation.js';
export { simulate, simulateFollowingHours } from './simulate.js';
export type { SimulateEffects, SimulateOptions, SimulateResult } from './simulate-options.js';
export {
  startLiveSimulation,
  type LiveEffects,
  type LiveOptions,
  type LiveSimulation,
} from './start-live-simulation.js';
export { startDemoFeed, writeDemoHistory, type DemoFeedOptions } from './demo-feed.js';
