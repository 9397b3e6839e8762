import { loadavg } from 'node:os';
import {
  noLevers,
  parseScenarioRequest,
  prepareScenario,
  runPreparedScenario,
  type PreparedScenario,
} from '../pipelines/scenario/index.js';
import { runPairs } from '../pipelines/scenario/run-pairs.js';
import { arrivalFactor } from '../pipelines/scenario/simulate-replication.js';
import { openWarehouse } from '../pipelines/warehouse/index.js';
import { simulatedHistory } from '../test/pipelines/scenario/simulated-history.js';

/** The plan of the issue's "done when": 20 beds at one trust and pathway 3 delays halved there. */
const plan = {
  name: '20 beds and pathway 3 delays halved at Rowan Dale',
  hours: 72,
  replications: 50,
  seed: 1,
  levers: [
    { kind: 'beds', org: 'XA4', beds: 20 },
    { kind: 'nctr_cut', org: 'XA4', pathway: 3, percent: 50 },
  ],
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** One baseline–scenario pair in this thread: the unit of work a replication costs. */
function onePair(prepared: PreparedScenario, replication: number): void {
  const { seed, levers } = prepared;
  const envelope = levers.map((site) =>
    Array.from({ length: seed.hours }, (_, h) => Math.max(1, arrivalFactor(site, h))),
  );
  runPairs(
    {
      seed,
      baseline: seed.sites.map(() => noLevers()),
      scenario: levers,
      envelope,
      local_hours: Array.from({ length: seed.hours }, (_, h) => h % 24),
      random_seed: prepared.request.seed,
      replications: [replication],
    },
    () => {},
  );
}

/**
 * A 72-hour scenario for the demo ICS with 50 replications on 2 worker threads (20 beds at
 * Rowan Dale, pathway 3 delays halved there): reading and fitting the seed, then the
 * replications and their summaries, in wall and CPU time, against one baseline–scenario pair
 * run in this thread in the same process (ratio: how many single pairs the whole run costs;
 * 50 pairs on 2 threads would ideally be 25). Reads BENCH_SCENARIO_DB when given (a stopped
 * service's data/observatory.duckdb, read-only), else simulates 28 days of the demo ICS.
 */
export async function run(): Promise<void> {
  const given = process.env.BENCH_SCENARIO_DB;
  console.log(
    `command: ${given ? `BENCH_SCENARIO_DB=${given} ` : ''}npm run bench -- scenario (72 h, 50 replications, 2 worker threads)`,
  );
  const loading = performance.now();
  const warehouse = given
    ? await openWarehouse(given, { readOnly: true })
    : await simulatedHistory(28);
  try {
    if (!given)
      console.log(
        `(simulated and loaded 28 days of the demo ICS in ${seconds(performance.now() - loading)})`,
      );
    const request = { ...parseScenarioRequest(plan, 0), ics: ['XQA'] };

    // Warm up: module loading and the JIT, so neither lands in the baseline.
    const warm = await prepareScenario(warehouse.connection, request);
    onePair(warm, 99);

    // Baseline: one pair in this thread (three, averaged).
    let cpu = process.cpuUsage();
    let started = performance.now();
    for (const r of [0, 1, 2]) onePair(warm, r);
    const pairWall = (performance.now() - started) / 3;
    const pairCpu = cpuMs(process.cpuUsage(cpu)) / 3;

    // The scenario as the API runs it: prepare (seed read and fitted), then 50 pairs on 2 threads.
    cpu = process.cpuUsage();
    started = performance.now();
    const prepared = await prepareScenario(warehouse.connection, request);
    const preparedAt = performance.now();
    const preparedCpu = process.cpuUsage(cpu);
    let lastPair = preparedAt;
    let lastPairCpu = preparedCpu;
    const result = await runPreparedScenario(prepared, {
      workers: 2,
      onProgress: () => {
        lastPair = performance.now();
        lastPairCpu = process.cpuUsage(cpu);
      },
    });
    const finished = performance.now();
    const totalCpu = cpuMs(process.cpuUsage(cpu));
    const wall = finished - started;

    const sites = prepared.seed.sites;
    console.log(
      `demo ICS XQA: ${sites.length} sites, ${prepared.seed.hours} hours from ${prepared.seed.at}, ${request.replications} replications (pairs: no change and the plan)`,
    );
    console.log(
      `one pair in this thread (baseline): ${seconds(pairWall)} wall, ${seconds(pairCpu)} CPU`,
    );
    console.log(
      `the scenario: ${seconds(wall)} wall, ${seconds(totalCpu)} CPU (all threads) — ` +
        `read and fit ${seconds(preparedAt - started)} wall / ${seconds(cpuMs(preparedCpu))} CPU, ` +
        `replications ${seconds(lastPair - preparedAt)} / ${seconds(cpuMs(lastPairCpu) - cpuMs(preparedCpu))}, ` +
        `summaries ${seconds(finished - lastPair)} / ${seconds(totalCpu - cpuMs(lastPairCpu))}`,
    );
    console.log(
      `ratio to one pair: ${(wall / pairWall).toFixed(1)}× wall (ideal on 2 threads: ${request.replications / 2}), ` +
        `${(totalCpu / pairCpu).toFixed(1)}× CPU; CPU/wall ${(totalCpu / wall).toFixed(2)}`,
    );
    console.log(
      `load average while it ran: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} (1, 5, 15 min) on 2 cores`,
    );
    console.log(
      `goal: under 10 s on 2 cores — ${wall < 10_000 ? 'met' : 'missed'} (${seconds(wall)})`,
    );
    const line = result.summary.find((s) => s.startsWith('12-hour waits at Rowan Dale'));
    if (line) console.log(`effect: ${line}`);
  } finally {
    warehouse.close();
  }
}
