import { Worker } from 'node:worker_threads';

/** Keep-alive connections each measurement holds open. */
export const connections = 32;

/**
 * A keep-alive load generator in a worker thread, so it does not share the server's event
 * loop. Each message runs one measurement: `connections` clients cycling through `paths`
 * for `ms`; it answers with every latency and the statuses.
 */
const loadWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { port, headers } = workerData;
parentPort.on('message', async ({ paths, ms, connections }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let next = 0, errors = 0;
  const statuses = {};
  const end = Date.now() + ms;
  function one() {
    return new Promise((resolve) => {
      const path = paths[next++ % paths.length];
      const started = process.hrtime.bigint();
      const req = http.get({ host: '127.0.0.1', port, path, headers: path === '/hello' ? {} : headers, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
          resolve();
        });
      });
      req.on('error', () => { errors++; resolve(); });
    });
  }
  async function loop() { while (Date.now() < end) await one(); }
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  parentPort.postMessage({ latencies, errors, statuses, ms });
});
`;

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

export interface Sample {
  latencies: number[];
  errors: number;
  statuses: Record<string, number>;
  ms: number;
}

/** One load generator for a run; `measure` runs one timed batch of requests. */
export function loadGenerator(port: number, headers: Record<string, string>) {
  const worker = new Worker(loadWorker, { eval: true, workerData: { port, headers } });
  let failed: (error: Error) => void = () => undefined;
  worker.on('error', (error) => failed(error));
  const measure = (paths: string[], ms: number, clients = connections) =>
    new Promise<Sample>((resolve, reject) => {
      failed = reject;
      worker.once('message', resolve);
      worker.postMessage({ paths, ms, connections: clients });
    });
  return { measure, close: () => worker.terminate() };
}

/** Throughput and latency of several samples taken together. */
export function summarise(samples: Sample[]): LoadResult {
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const statuses: Record<string, number> = {};
  for (const s of samples)
    for (const [code, n] of Object.entries(s.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const ms = samples.reduce((sum, s) => sum + s.ms, 0);
  return { rps: sorted.length / (ms / 1000), p50: at(0.5), p99: at(0.99), statuses };
}

/**
 * The API's standing measurements: a bare route (`/hello`, the baseline) and a cached route
 * alternate in `rounds` short rounds, so both see the same machine (other work on it moves
 * both alike; their ratio is what is compared); then distinct uncached paths for `seconds`
 * under every connection, and again one client at a time.
 */
export async function measureRoutes(
  generator: ReturnType<typeof loadGenerator>,
  paths: { cached: string; uncached: string[] },
  seconds: number,
  rounds: number,
): Promise<{ hello: LoadResult; cached: LoadResult; uncached: LoadResult; alone: LoadResult }> {
  const helloSamples: Sample[] = [];
  const cachedSamples: Sample[] = [];
  const roundMs = (seconds * 1000) / rounds;
  for (let round = 0; round < rounds; round++) {
    helloSamples.push(await generator.measure(['/hello'], roundMs));
    cachedSamples.push(await generator.measure([paths.cached], roundMs));
  }
  return {
    hello: summarise(helloSamples),
    cached: summarise(cachedSamples),
    uncached: summarise([await generator.measure(paths.uncached, seconds * 1000)]),
    alone: summarise([
      await generator.measure(paths.uncached.slice().reverse(), seconds * 1000, 1),
    ]),
  };
}
