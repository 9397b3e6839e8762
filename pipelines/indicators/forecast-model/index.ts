export {
  fitArrivalModel,
  type ArrivalModel,
  type ArrivalModelOptions,
} from './fit-arrival-model.js';
export { forecastArrivals, type ArrivalForecast } from './forecast-arrivals.js';
export {
  backtestArrivals,
  type BacktestOptions,
  type BacktestResult,
} from './backtest-arrivals.js';
export { londonHourOfWeek, londonOffsetHours } from './london-hour-of-week.js';
export { negativeBinomialQuantile } from './negative-binomial-quantile.js';
export { completeHours } from './complete-hours.js';
