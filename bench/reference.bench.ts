import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../pipelines/warehouse/seed-reference.js';

/**
 * `npm run bench -- reference`: seeding the committed reference CSVs into a fresh in-memory
 * warehouse, then seeding again with nothing changed. The second run only hashes the files, so
 * it should cost a small fraction of the first.
 */
export async function run(): Promise<{
  firstSeconds: number;
  againSeconds: number;
  ratio: number;
}> {
  const dir = join(import.meta.dirname, '..', 'data', 'reference');
  const warehouse = await openWarehouse(':memory:');
  try {
    let started = performance.now();
    const first = await seedReference(warehouse.connection, dir);
    const firstSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const again = await seedReference(warehouse.connection, dir);
    const againSeconds = (performance.now() - started) / 1000;
    const ratio = againSeconds / firstSeconds;
    console.log(
      `seed reference: first ${firstSeconds.toFixed(2)} s (${first.tables.lsoa} LSOAs), ` +
        `unchanged again ${againSeconds.toFixed(3)} s (changed: ${again.changed}), ratio ${ratio.toFixed(3)}`,
    );
    return { firstSeconds, againSeconds, ratio };
  } finally {
    warehouse.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
