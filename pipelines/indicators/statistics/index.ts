export { z95, z998 } from './normal-quantiles.js';
export type { IntervalOptions, Estimate, CountInterval } from './interval-options.js';
export { wilsonInterval } from './wilson-interval.js';
export { exactPoissonInterval } from './exact-poisson-interval.js';
export { byarInterval } from './byar-interval.js';
export { poissonRateInterval, type PoissonRateOptions } from './poisson-rate-interval.js';
export { esp2013, type StandardPopulationBand } from './esp2013.js';
export {
  directlyStandardisedRate,
  type StandardisationStratum,
  type StandardisedRate,
} from './directly-standardised-rate.js';
export {
  slopeIndexOfInequality,
  type InequalityGroup,
  type InequalityOptions,
  type InequalityIndices,
} from './slope-index-of-inequality.js';
export {
  xmr,
  type XmrOptions,
  type XmrPoint,
  type XmrResult,
  type SpcRule,
  type SpcVariation,
  type SpcVariationIcon,
  type SpcAssuranceIcon,
} from './xmr.js';
export { spcPresets, spcMinimumPoints, type SpcPreset } from './spc-presets.js';
export { spcColours } from './spc-colours.js';
export { seededRandom, seededNormal } from './seeded-random.js';
export {
  chiSquareQuantile,
  normalUpperTail,
  regularisedGammaP,
  regularisedGammaQ,
  inverseRegularisedGammaP,
  logGamma,
} from './regularised-gamma.js';
