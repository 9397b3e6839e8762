import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import { previewNotebooks } from '../build/build-notebooks.js';
import { openNotebookData } from '../build/open-notebook-data.js';
import { consoleLog } from './console-log.js';

/**
 * `npm run notebooks:preview`: a live-reloading server over notebooks/ for authoring, on
 * 127.0.0.1 (NOTEBOOKS_PORT, default 5173). SQL cells re-run against the same data as the
 * build (snapshot, warehouse read-only, or lake) each time a page loads.
 */
const log = consoleLog();
const config = loadConfig();
const data = await openNotebookData(config, log);
const port = Number(process.env.NOTEBOOKS_PORT ?? 5173);
const server = await previewNotebooks({
  data,
  root: join(import.meta.dirname, '..'),
  log,
  now: () => new Date(),
  host: '127.0.0.1',
  port,
});
log.info('notebooks preview', { url: `http://127.0.0.1:${port}/index.html`, data: data.label });
const stop = () => {
  void server.close().finally(() => data.close());
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
