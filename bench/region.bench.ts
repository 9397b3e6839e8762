import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../pipelines/feeds/feed.js';
import { splitAdtMessages } from '../pipelines/feeds/adt/index.js';
import type { RefreshAllResult } from '../pipelines/indicators/index.js';
import { adtIngestStore, frameMllp, startMllpListener } from '../pipelines/mllp/index.js';
import { refreshQueued } from '../pipelines/refresh/index.js';
import { simulate, simulateFollowingHours } from '../pipelines/simulate/index.js';
import { openWarehouse } from '../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../pipelines/warehouse/seed-reference.js';
import { exportLake } from '../pipelines/warehouse/lake/index.js';
import { createWriter } from '../pipelines/writer/index.js';
import { measureRegionApi } from './region-api.js';

const usage =
  'npm run bench -- region [--days N (default 365)] [--out DIR (default bench/output/region)]';

/**
 * A simulated region (every synthetic ICS, every feed) through the real ingest: the writer
 * loads its history (daily extracts) as the service's backlog does (refresh held), then
 * rebuilds every model once; then the hour after the history arrives as the live feed
 * delivers it: its A&E files, one site each, load one at a time, each followed by the
 * incremental refresh of the keys it touched, while its ADT messages arrive over MLLP one at
 * a time (each ACK timed). Baseline: DuckDB
 * reading the same files into tables (read_csv for CSV, read_text for HL7), in the same run.
 */
export async function run(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const days = Number(flag('days') ?? 365);
  const out = flag('out') ?? join(import.meta.dirname, 'output', 'region');
  console.log(`command: ${usage}`);
  console.log(`this run: --days ${days} --out ${out}`);
  // The simulation is kept (sim-<days>d and the hour after it) and reused by the next run of
  // the same size.
  const simDir = join(out, `sim-${days}d`);
  const inbox = join(out, 'inbox');
  for (const dir of [inbox, join(out, 'lake'), join(out, 'tmp')])
    rmSync(dir, { recursive: true, force: true });
  for (const file of ['raw.duckdb', 'raw.duckdb.wal', 'warehouse.duckdb', 'warehouse.duckdb.wal'])
    rmSync(join(out, file), { force: true });

  let t = performance.now();
  let c = cpu();
  const quietLog: Logger = { info() {}, warn() {}, error: (m, f) => console.error(m, f ?? '') };
  const nextHour = join(out, `sim-${days}d-next-hour`);
  if (!existsSync(join(nextHour, 'ae'))) {
    rmSync(simDir, { recursive: true, force: true });
    rmSync(nextHour, { recursive: true, force: true });
    // The history as daily extracts (a backfill); then the hour after it as the live feed
    // delivers it, one A&E and one ADT file per site.
    const options = {
      days,
      seed: '1',
      out: simDir,
      scale: 'region' as const,
      batch: 'day' as const,
    };
    const effects = { clock: { now: () => new Date() }, log: quietLog };
    const simulated = simulate(options, effects);
    const history = `${seconds(t).toFixed(1)} s (CPU ${(cpu() - c).toFixed(1)} s)`;
    [t, c] = [performance.now(), cpu()];
    simulateFollowingHours(
      { ...options, start: simulated.start.toISOString() },
      1,
      nextHour,
      effects,
    );
    console.log(
      `simulated ${days} day(s) of a region: ${simulated.files} daily files, ${(simulated.bytes / 1e6).toFixed(1)} MB, ${simulated.attendances.toLocaleString('en-GB')} attendances in ${history}; the hour after it (hourly site files) in ${seconds(t).toFixed(1)} s (CPU ${(cpu() - c).toFixed(1)} s)`,
    );
  } else console.log(`reusing the simulation in ${simDir} and ${nextHour}`);
  cpSync(simDir, inbox, { recursive: true });

  // The hour after the history is held back: its A&E files (one site each) load one at a
  // time, each followed by its refresh, while its ADT messages arrive over MLLP.
  const heldBack = readdirSync(join(nextHour, 'ae')).sort();
  const adtMessages = readdirSync(join(nextHour, 'adt'))
    .sort()
    .flatMap((name) => splitAdtMessages(readFileSync(join(nextHour, 'adt', name), 'utf8')));

  const inputs = listFiles(inbox);
  const inputBytes = inputs.reduce((n, f) => n + statSync(f.path).size, 0);

  // Baseline: DuckDB's raw read of the same files into a file database.
  const rawPath = join(out, 'raw.duckdb');
  const raw = await openWarehouse(rawPath, { migrate: false });
  t = performance.now();
  c = cpu();
  let rawRows = 0;
  const byFeed = new Map<string, string[]>();
  for (const file of inputs) byFeed.set(file.feed, [...(byFeed.get(file.feed) ?? []), file.path]);
  const rawByFeed = new Map<string, number>();
  for (const [feed, paths] of byFeed) {
    const feedStarted = performance.now();
    const table = `raw_${feed.replace(/\W/g, '_')}`;
    const list = `[${paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ')}]`;
    const source = paths[0].endsWith('.csv')
      ? `read_csv(${list}, header = true, union_by_name = true)`
      : `read_text(${list})`;
    await raw.connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${source}`);
    const reader = await raw.connection.runAndReadAll(`SELECT count(*) FROM ${table}`);
    rawRows += Number(reader.getRows()[0][0]);
    rawByFeed.set(feed, seconds(feedStarted));
  }
  await raw.connection.run('CHECKPOINT');
  const rawSeconds = seconds(t);
  const rawCpu = cpu() - c;
  raw.close();

  // The real ingest: the writer, as the service's backlog load runs it.
  const dbPath = join(out, 'warehouse.duckdb');
  const warehouse = await openWarehouse(dbPath);
  await seedReference(warehouse.connection, join(import.meta.dirname, '..', 'data', 'reference'));
  await warehouse.connection.run('CHECKPOINT');
  const refreshes: Array<{
    ms: number;
    cpu: number;
    startedAt: number;
    endedAt: number;
    result: RefreshAllResult | null;
  }> = [];
  const writer = await createWriter({
    warehouse,
    log: quietLog,
    pseudonymKeyHex: '6b'.repeat(32),
    tmpDir: join(out, 'tmp'),
    settings: {},
    refresh: async (connection, effects) => {
      const [r, rc] = [performance.now(), cpu()];
      const result = await refreshQueued(connection, effects);
      const endedAt = performance.now();
      if (result)
        refreshes.push({ ms: endedAt - r, cpu: cpu() - rc, startedAt: r, endedAt, result });
      return result;
    },
  });
  let loadSeconds = 0;
  let loadCpu = 0;
  t = performance.now();
  c = cpu();
  let buildStarted = 0;
  let buildCpuStarted = 0;
  let buildStages: RefreshAllResult['stageMs'] | undefined;
  const results = await writer.loadBacklog(inbox, {
    onProgress: (progress) => {
      if (progress.phase === 'rebuilding') {
        console.log(`loaded ${progress.filesDone} files; rebuilding every model…`);
        loadSeconds = seconds(t);
        loadCpu = cpu() - c;
        buildStarted = performance.now();
        buildCpuStarted = cpu();
      }
      if (progress.phase === 'done') buildStages = progress.rebuilt?.stageMs;
    },
  });
  const buildSeconds = seconds(buildStarted);
  console.log(`loaded and rebuilt; now ${heldBack.length} hourly site files, one refresh each…`);
  const buildCpu = cpu() - buildCpuStarted;
  const rowsIn = results.reduce((n, r) => n + r.rowsIn, 0);
  const loadByFeed = new Map<string, { seconds: number; rows: number }>();
  for (const r of results) {
    const feed = loadByFeed.get(r.feed) ?? { seconds: 0, rows: 0 };
    loadByFeed.set(r.feed, { seconds: feed.seconds + r.seconds, rows: feed.rows + r.rowsIn });
  }
  const failed = results.filter((r) => r.status === 'failed').length;
  const counts = await warehouse.connection.runAndReadAll(
    `SELECT (SELECT count(*) FROM ae_attendance), (SELECT count(*) FROM indicator_value),
            (SELECT count(*) FROM indicator_site_day), (SELECT count(*) FROM indicator_org_day)`,
  );
  const [attendances, values, siteDayRows, orgDayRows] = counts.getRows()[0].map(Number);

  // Incremental: the held-back hourly site files, one at a time, each refreshed after commit;
  // meanwhile the last hour's ADT messages arrive over MLLP, each sent when the one before
  // it is acknowledged, as an integration engine sends them.
  const listener = await startMllpListener({
    port: 0,
    log: quietLog,
    store: adtIngestStore({
      connection: warehouse.connection,
      ingest: (name, bytes) => writer.ingest('adt', name, bytes),
    }),
  });
  refreshes.length = 0;
  const fileIngest: number[] = [];
  const acks = sendOverMllp(listener.port, adtMessages);
  for (const name of heldBack) {
    const r = performance.now();
    await writer.ingest('ae', name, readFileSync(join(nextHour, 'ae', name)));
    fileIngest.push(performance.now() - r);
    await writer.refresh();
  }
  const sent = await acks;
  const ackMs = sent.map((m) => m.ackedAt - m.sentAt).sort((a, b) => a - b);
  await listener.close();
  await writer.idle();
  // A message is in the live state (and on the event stream) once a refresh that started
  // after its commit (its ACK) has ended.
  const visibleMs = sent
    .map((m) => {
      const refresh = refreshes.find((x) => x.startedAt >= m.ackedAt);
      return refresh ? refresh.endedAt - m.sentAt : Infinity;
    })
    .sort((a, b) => a - b);
  const refreshMs = refreshes.map((x) => x.ms).sort((a, b) => a - b);
  const refreshCpuMs = refreshes.map((x) => x.cpu * 1000).sort((a, b) => a - b);
  const keys = refreshes.map((x) => x.result?.indicators.keys ?? 0).sort((a, b) => a - b);
  const rows = refreshes.map((x) => x.result?.indicators.rows ?? 0).sort((a, b) => a - b);

  const api = await measureRegionApi(warehouse);

  t = performance.now();
  const lakeDir = join(out, 'lake');
  await exportLake(warehouse.connection, lakeDir, 'all', { now: new Date() });
  const lakeSeconds = seconds(t);
  await writer.close();
  await warehouse.connection.run('CHECKPOINT');
  warehouse.close();

  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
  const table: Array<[string, string]> = [
    [
      'loaded',
      `${days} simulated day(s), ${inputs.length} files (${mb(inputBytes)}), ${rowsIn.toLocaleString('en-GB')} rows in, ${failed} failed; ${attendances.toLocaleString('en-GB')} attendances`,
    ],
    [
      'DuckDB raw read of the same files',
      `${rawSeconds.toFixed(1)} s wall, ${rawCpu.toFixed(1)} s CPU (${rawRows.toLocaleString('en-GB')} rows/lines)`,
    ],
    [
      'load through the writer (refresh held)',
      `${loadSeconds.toFixed(1)} s wall, ${loadCpu.toFixed(1)} s CPU; ${rate(rowsIn, loadSeconds)} rows/s`,
    ],
    [
      'load ratio to raw read (aim ≥ 0.5×)',
      `wall ${(rawSeconds / loadSeconds).toFixed(2)}×, CPU ${(rawCpu / loadCpu).toFixed(2)}×`,
    ],
    [
      '  by feed: writer (raw read), wall',
      [...loadByFeed]
        .map(
          ([feed, load]) =>
            `${feed} ${load.seconds.toFixed(1)} s (${(rawByFeed.get(feed) ?? 0).toFixed(1)} s) ${load.rows.toLocaleString('en-GB')} rows`,
        )
        .join('; '),
    ],
    [
      'full build (every model)',
      `${buildSeconds.toFixed(1)} s wall, ${buildCpu.toFixed(1)} s CPU; ${values.toLocaleString('en-GB')} indicator rows (${siteDayRows.toLocaleString('en-GB')} site-day, ${orgDayRows.toLocaleString('en-GB')} org-day statistics)`,
    ],
    [
      '  wall per stage',
      Object.entries(buildStages ?? {})
        .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`)
        .join(', '),
    ],
    [
      `incremental refresh after one hourly site file (${refreshes.length} refreshes)`,
      `p50 ${pct(refreshMs, 0.5)} ms, p95 ${pct(refreshMs, 0.95)} ms wall; CPU p50 ${pct(refreshCpuMs, 0.5)} ms, p95 ${pct(refreshCpuMs, 0.95)} ms`,
    ],
    [
      '  p50 wall per stage',
      (['indicators', 'inequality', 'live', 'opel', 'alerts'] as const)
        .map(
          (stage) =>
            `${stage} ${pct(
              refreshes.map((x) => x.result?.stageMs[stage] ?? 0).sort((a, b) => a - b),
              0.5,
            )} ms`,
        )
        .join(', '),
    ],
    [
      '  keys / indicator rows rewritten per refresh',
      `keys p50 ${pct(keys, 0.5)}, max ${keys[keys.length - 1] ?? 0}; rows p50 ${pct(rows, 0.5)}, max ${rows[rows.length - 1] ?? 0}`,
    ],
    [
      '  ingest of one hourly site file (commit)',
      `p50 ${pct(
        [...fileIngest].sort((a, b) => a - b),
        0.5,
      )} ms`,
    ],
    [
      `MLLP ACK of ${ackMs.length} ADT messages sent meanwhile`,
      `p50 ${pct(ackMs, 0.5)} ms, p99 ${pct(ackMs, 0.99)} ms, max ${pct(ackMs, 1)} ms`,
    ],
    [
      '  from sending to the live state (aim ≤ 5 s p95)',
      `p50 ${pct(visibleMs, 0.5)} ms, p95 ${pct(visibleMs, 0.95)} ms, max ${pct(visibleMs, 1)} ms`,
    ],
    ...api,
    ['lake export (all partitions)', `${lakeSeconds.toFixed(1)} s`],
    ['warehouse size', mb(sizeOf(dbPath))],
    ['lake size', mb(sizeOf(lakeDir))],
    ['peak RSS', mb(process.resourceUsage().maxRSS * 1024)],
  ];
  const width = Math.max(...table.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of table) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(
    `\ncommand: ${usage} (this run: --days ${days}); CPU is process CPU time over all threads`,
  );
}

function listFiles(inbox: string): Array<{ feed: string; path: string }> {
  const files: Array<{ feed: string; path: string }> = [];
  for (const feed of readdirSync(inbox)) {
    const dir = join(inbox, feed);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.csv') || name.endsWith('.hl7'))
        files.push({ feed, path: join(dir, name) });
    }
  }
  return files;
}

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0);
}

function pct(sorted: number[], q: number): string {
  if (sorted.length === 0) return '–';
  return String(Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]));
}

function rate(rows: number, secs: number): string {
  return Math.round(rows / secs).toLocaleString('en-GB');
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function cpu(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/**
 * Sends each message over one MLLP connection, the next once the one before is acknowledged,
 * and resolves with when each was sent and acknowledged (performance.now()).
 */
function sendOverMllp(
  port: number,
  messages: readonly string[],
): Promise<Array<{ sentAt: number; ackedAt: number }>> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const latencies: Array<{ sentAt: number; ackedAt: number }> = [];
    let buffered = '';
    let sentAt = 0;
    const sendNext = () => {
      const message = messages[latencies.length];
      if (message === undefined) {
        socket.end();
        resolve(latencies);
        return;
      }
      sentAt = performance.now();
      socket.write(frameMllp(message));
    };
    socket.on('connect', sendNext);
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\x1c\r')) >= 0) {
        buffered = buffered.slice(end + 2);
        latencies.push({ sentAt, ackedAt: performance.now() });
        sendNext();
      }
    });
    socket.on('error', reject);
  });
}
