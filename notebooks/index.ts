export {
  buildNotebooks,
  notebookFiles,
  previewNotebooks,
  type BuildNotebooksOptions,
  type BuildNotebooksResult,
  type NotebookData,
} from './build/build-notebooks.js';
export {
  openNotebookData,
  snapshotPath,
  type OpenNotebookData,
} from './build/open-notebook-data.js';
export {
  observatoryClient,
  ObservatoryApiError,
  type ObservatoryClient,
  type ObservatoryClientOptions,
  type IndicatorValuesQuery,
} from './client/observatory-client.js';
