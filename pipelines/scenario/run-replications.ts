import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runPairs, type ReplicationPair, type ReplicationTask } from './run-pairs.js';

export interface RunReplicationsOptions {
  /** Worker threads; 0 runs in this thread. */
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

const isTypeScript = import.meta.url.endsWith('.ts');
const workerUrl = new URL(
  isTypeScript ? './replication-worker.ts' : './replication-worker.js',
  import.meta.url,
);

/** A worker running the entry; from TypeScript sources, through tsx's loader registered first. */
function startWorker(workerData: ReplicationTask): Worker {
  if (!isTypeScript) return new Worker(workerUrl, { workerData });
  // tsx 4.23: the CommonJS build of tsx/esm/api registers a wrong path; take its ES module twin.
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Runs the task's replications, shared round-robin over worker threads (each thread loads the
 * TypeScript through tsx, as the service does). Pairs come back in replication order.
 */
export async function runReplications(
  task: ReplicationTask,
  { workers, onProgress }: RunReplicationsOptions,
): Promise<ReplicationPair[]> {
  const total = task.replications.length;
  const pairs: ReplicationPair[] = [];
  const collect = (pair: ReplicationPair): void => {
    pairs.push(pair);
    onProgress?.(pairs.length, total);
  };
  const threads = Math.min(workers, total);
  if (threads <= 0) {
    runPairs(task, collect);
  } else {
    const shares = Array.from({ length: threads }, (_, w) =>
      task.replications.filter((_, i) => i % threads === w),
    );
    await Promise.all(
      shares.map(
        (replications) =>
          new Promise<void>((resolve, reject) => {
            const worker = startWorker({ ...task, replications });
            worker.on('message', (pair: ReplicationPair) => collect(pair));
            worker.once('error', reject);
            worker.once('exit', (code) =>
              code === 0
                ? resolve()
                : reject(new Error(`scenario worker stopped with code ${code}`)),
            );
          }),
      ),
    );
  }
  return pairs.sort((a, b) => a.replication - b.replication);
}
