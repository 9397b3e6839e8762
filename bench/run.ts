import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench [-- NAME...]`: runs every bench/<name>.bench.ts (or the named ones) in turn.
 * Each exports `run(): Promise<void>` and prints its own figures; this prints the command
 * that reproduces each, then its output.
 */
const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort();
// Arguments after the names (`--flag value`) are the benches' own (see each bench).
const wanted: string[] = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--')) break;
  wanted.push(arg);
}
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n$ npm run bench -- ${name}`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as {
      run?: () => Promise<void>;
    };
    if (typeof module.run !== 'function')
      throw new Error(`bench/${name}.bench.ts does not export run()`);
    await module.run();
    console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed++;
    console.error(`bench ${name} failed: ${(error as Error).stack ?? String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
