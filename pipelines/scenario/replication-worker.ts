import { parentPort, workerData } from 'node:worker_threads';
import { runPairs, type ReplicationTask } from './run-pairs.js';

// Worker thread entry: runs its share of the replication pairs and posts each as it finishes.
const task = workerData as ReplicationTask;
runPairs(task, (pair) => {
  parentPort!.postMessage(pair, [
    pair.baseline.buffer as ArrayBuffer,
    pair.scenario.buffer as ArrayBuffer,
  ]);
});
