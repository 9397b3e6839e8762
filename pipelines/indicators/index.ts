export {
  indicators,
  indicatorRegistry,
  indicatorById,
  type IndicatorDefinition,
  type IndicatorKind,
  type IndicatorTarget,
  type IndicatorUnit,
  type Polarity,
  type Grain,
  type OrgLevel,
  type Dimension,
} from './registry.js';
export type { RefreshEffects } from './refresh-effects.js';
export {
  indicatorModels,
  refreshIndicators,
  type RefreshIndicatorsResult,
} from './refresh-indicators.js';
export { refreshAll, type RefreshAllResult } from './refresh-all.js';
export {
  refreshInequality,
  inequalityGrains,
  type InequalityKey,
} from './inequality/refresh-inequality.js';
export { refreshLiveState, type LiveStateResult } from './live/refresh-live-state.js';
export {
  assessOpel,
  scoreIcsOpel,
  trustParameters,
  type OpelChange,
  type SiteFigures,
} from './opel/assess-opel.js';
export {
  defaultOpelConfig,
  opelConfigFrom,
  type OpelConfig,
  type OpelParameter,
  type OpelParameterConfig,
} from './opel/opel-config.js';
export { assessOpelHistory, type OpelHistoryResult } from './opel/assess-opel-history.js';
export { scoreOpel, opelLevelOf, type OpelDriver, type OpelScore } from './opel/score-opel.js';
export {
  evaluateAlerts,
  type EvaluateAlertsResult,
  type RaisedAlert,
} from './alerts/evaluate-alerts.js';
export { acknowledgeAlert } from './alerts/acknowledge-alert.js';
export { alertConfigFrom, defaultAlertConfig, type AlertConfig } from './alerts/alert-config.js';
export type { AlertCondition, AlertRule } from './alerts/alert-condition.js';
export { assuranceTarget, targetInForce, type DatedTarget } from './target-in-force.js';
export { improvementOf } from './improvement-of.js';
export { refreshForecasts } from './forecast/refresh-forecasts.js';
export { backtestForecasts, type ForecastBacktestRow } from './forecast/backtest-forecasts.js';
export {
  wilsonInterval,
  poissonRateInterval,
  exactPoissonInterval,
  byarInterval,
  directlyStandardisedRate,
  slopeIndexOfInequality,
  xmr,
  z95,
  z998,
  esp2013,
  spcPresets,
  spcColours,
  type Estimate,
  type CountInterval,
  type IntervalOptions,
  type PoissonRateOptions,
  type StandardisationStratum,
  type StandardisedRate,
  type InequalityGroup,
  type InequalityOptions,
  type InequalityIndices,
  type XmrOptions,
  type XmrPoint,
  type XmrResult,
  type SpcRule,
  type SpcVariation,
  type SpcVariationIcon,
  type SpcAssuranceIcon,
} from './statistics/index.js';
export {
  fitArrivalModel,
  forecastArrivals,
  backtestArrivals,
  londonHourOfWeek,
  type ArrivalModel,
  type ArrivalModelOptions,
  type ArrivalForecast,
  type BacktestOptions,
  type BacktestResult,
} from './forecast-model/index.js';
