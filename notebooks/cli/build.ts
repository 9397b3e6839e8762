import { join } from 'node:path';
import { loadConfig } from '../../pipelines/config.js';
import { buildNotebooks } from '../build/build-notebooks.js';
import { openNotebookData } from '../build/open-notebook-data.js';
import { consoleLog } from './console-log.js';

/** `npm run notebooks`: every notebook in notebooks/ built to notebooks/dist/. */
const log = consoleLog();
const data = await openNotebookData(loadConfig(), log);
try {
  const root = join(import.meta.dirname, '..');
  await buildNotebooks({ data, root, outDir: join(root, 'dist'), log, now: () => new Date() });
} finally {
  data.close();
}
