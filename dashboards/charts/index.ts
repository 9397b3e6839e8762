export type { ChartOptions, ValueUnit } from './chart-options.js';
export { formatValue, tickFormat } from './format-value.js';
export { nhsColours, seriesColours, spcColours } from './nhs-colours.js';
export { spcChart, spcRows, type SpcRow, type SpcChartOptions } from './spc-chart.js';
export {
  spcIcons,
  variationIcon,
  assuranceIcon,
  variationText,
  assuranceText,
} from './spc-icons.js';
export {
  intervalChart,
  isUnknownCategory,
  type IntervalRow,
  type IntervalChartOptions,
} from './interval-chart.js';
export {
  timeSeriesChart,
  type TimeSeriesRow,
  type TimeSeriesChartOptions,
} from './time-series-chart.js';
export {
  forecastBandChart,
  type ArrivalsRow,
  type ForecastBandRow,
  type ForecastBandChartOptions,
} from './forecast-band-chart.js';
export {
  scenarioBandChart,
  type ScenarioBandRow,
  type ScenarioBandChartOptions,
} from './scenario-band-chart.js';
export { barChart, type BarRow, type BarChartOptions } from './bar-chart.js';
export { opelBadge, opelMeaning, type OpelBadgeRow } from './opel-badge.js';
export { opelDaysText, opelStrip, type OpelDayRow } from './opel-strip.js';
export { journeyChart, type JourneyRow } from './journey-chart.js';
