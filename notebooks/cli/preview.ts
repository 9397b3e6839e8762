import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import { serviceClient } from '../../pipelines/cli/index.js';
import { previewNotebooks } from '../build/build-notebooks.js';
import { consoleLog } from './console-log.js';

/**
 * `npm run notebooks:preview`: a live-reloading server over notebooks/ for authoring, on
 * 127.0.0.1 (NOTEBOOKS_PORT, default 5173). The pages read the running service's API, with
 * the local command-line token (`<secrets>/cli.token`), as they do when served.
 */
const log = consoleLog();
const config = loadConfig();
const client = serviceClient(config);
const apiUrl = client.baseUrl;
const token = client.token();
const port = Number(process.env.NOTEBOOKS_PORT ?? 5173);
const server = await previewNotebooks({
  root: join(import.meta.dirname, '..'),
  log,
  now: () => new Date(),
  host: '127.0.0.1',
  port,
  apiUrl,
  token,
});
log.info('notebooks preview', { url: `http://127.0.0.1:${port}/index.html`, api: apiUrl });
const stop = () => void server.close();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
