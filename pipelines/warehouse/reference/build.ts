import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildReference } from './build-reference.js';

// `npm run reference -- --realdata DIR [--out DIR]`: rebuilds the committed national
// reference CSVs under data/reference from the folder of real published NHS files.
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : undefined;
};
const realdataDir = option('--realdata') ?? process.env.OBSERVATORY_REALDATA;
const outDir = option('--out') ?? join(import.meta.dirname, '../../../data/reference');
if (!realdataDir) {
  console.error(
    'npm run reference: name the folder of published files: --realdata DIR (or OBSERVATORY_REALDATA)',
  );
  process.exit(2);
}

const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
try {
  const counts = await buildReference(connection, realdataDir, outDir);
  for (const [file, n] of Object.entries(counts)) console.log(`${file.padEnd(20)} ${n} rows`);
  console.log(
    `reference built in ${((performance.now() - started) / 1000).toFixed(2)} s → ${outDir}`,
  );
} catch (error) {
  console.error(`npm run reference: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  connection.closeSync();
  instance.closeSync();
}
