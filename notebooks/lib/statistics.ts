// The observatory's own statistics (pure functions), so a notebook's intervals, SII/RII and SPC
// match the warehouse's and the API's exactly.
export {
  slopeIndexOfInequality,
  spcColours,
  xmr,
  z95,
  type InequalityGroup,
  type XmrPoint,
  type XmrResult,
} from '../../pipelines/indicators/statistics/index.js';
