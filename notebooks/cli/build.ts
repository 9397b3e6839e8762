import { join } from 'node:path';
import { buildNotebooks } from '../build/build-notebooks.js';
import { consoleLog } from './console-log.js';

/** `npm run notebooks`: every notebook in notebooks/ built to notebooks/dist/ (pages only, no data). */
const log = consoleLog();
const root = join(import.meta.dirname, '..');
await buildNotebooks({ root, outDir: join(root, 'dist'), log, now: () => new Date() });
