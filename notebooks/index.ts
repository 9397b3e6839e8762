export {
  buildNotebooks,
  notebookFiles,
  previewNotebooks,
  type BuildNotebooksOptions,
  type BuildNotebooksResult,
} from './build/build-notebooks.js';
export { DataCellError, refuseDataCells } from './build/refuse-data-cells.js';
export {
  observatoryClient,
  ObservatoryApiError,
  type ObservatoryClient,
  type ObservatoryClientOptions,
  type ScenarioStatus,
  type IndicatorValuesQuery,
} from './client/observatory-client.js';
