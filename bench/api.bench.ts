import { openWarehouse } from '../pipelines/warehouse/index.js';
import type { IndicatorDefinition } from '../pipelines/indicators/index.js';
import type { AppDeps } from '../server/app-deps.js';
import { toArrowIpc } from '../server/formats/to-arrow-ipc.js';
import { toJsonRows } from '../server/formats/to-json.js';
import { queryTable, sql } from '../pipelines/read/index.js';
import {
  connections,
  loadGenerator,
  measureRoutes,
  summarise,
  type LoadResult,
} from './load-generator.js';
import { serveBenchApp } from './serve-bench-app.js';

const seconds = Number(process.env.API_BENCH_SECONDS ?? 5);
const rounds = Number(process.env.API_BENCH_ROUNDS ?? 8);
const fmt = (n: number, digits = 1) => n.toFixed(digits);

/**
 * API throughput and latency on a loopback server over a region-year of indicator rows, and
 * Arrow vs JSON encoding of 10k and 100k rows.
 */
export async function run(): Promise<void> {
  const warehouse = await openWarehouse(':memory:');
  const { connection } = warehouse;
  const started = performance.now();
  // A region of 5 ICSs × 3 trusts × 2 sites; 10 indicators; day, week and month for a year;
  // total + IMD quintile (6) + sex (3) — loaded in lookup-key order (DESIGN.md field notes).
  await connection.run(`
    INSERT INTO org VALUES ('ENG', 'England', 'england', NULL, NULL, NULL, NULL, NULL, NULL, true),
      ('Y62', 'Region', 'region', 'ENG', NULL, NULL, 'Y62', NULL, NULL, true);
    INSERT INTO org SELECT 'IC' || i, 'ICS ' || i, 'ics', 'Y62', NULL, 'IC' || i, 'Y62', NULL, NULL, true FROM range(5) r(i);
    INSERT INTO org SELECT 'T' || i || t, 'Trust', 'trust', 'IC' || i, 'T' || i || t, 'IC' || i, 'Y62', NULL, NULL, true FROM range(5) a(i), range(3) b(t);
    INSERT INTO org SELECT 'T' || i || t || s, 'Site', 'site', 'T' || i || t, 'T' || i || t, 'IC' || i, 'Y62', NULL, '01', true
      FROM range(5) a(i), range(3) b(t), range(2) c(s);
    CREATE TEMP TABLE periods AS
      SELECT 'day' AS grain, TIMESTAMP '2024-01-01' + INTERVAL (d) DAY AS period_start FROM range(366) r(d)
      UNION ALL SELECT 'week', TIMESTAMP '2024-01-01' + INTERVAL (7 * w) DAY FROM range(52) r(w)
      UNION ALL SELECT 'month', TIMESTAMP '2024-01-01' + INTERVAL (m) MONTH FROM range(12) r(m);
    CREATE TEMP TABLE cats AS SELECT * FROM (VALUES ('total', 'all'), ('imd_quintile', '1'), ('imd_quintile', '2'),
      ('imd_quintile', '3'), ('imd_quintile', '4'), ('imd_quintile', '5'), ('imd_quintile', 'Unknown'),
      ('sex', 'F'), ('sex', 'M'), ('sex', 'U')) c(dimension, category);
    INSERT INTO indicator_value
      SELECT 'ind_' || i, o.org_code, p.grain, p.period_start, c.dimension, c.category,
             n, n + 40, n / (n + 40), NULL, NULL
      FROM range(10) r(i), (SELECT org_code FROM org WHERE org_type <> 'region') o, periods p, cats c,
           LATERAL (SELECT (hash(i, o.org_code, p.period_start, c.category) % 900)::DOUBLE + 10 AS n)
      ORDER BY 1, 2, 3, 5, 6, 4;`);
  const rows = Number(
    (await connection.runAndReadAll('SELECT count(*) FROM indicator_value')).getRowsJS()[0]![0],
  );
  console.log(
    `warehouse: ${rows.toLocaleString('en-GB')} indicator_value rows, built in ${fmt((performance.now() - started) / 1000)} s`,
  );

  const registry: IndicatorDefinition[] = Array.from({ length: 10 }, (_, i) => ({
    id: `ind_${i}`,
    title: `Indicator ${i}`,
    definition: 'bench',
    unit: 'proportion',
    polarity: 'higher_is_better',
    grains: ['day', 'week', 'month'],
    breakdowns: ['imd_quintile', 'sex'],
    numerator: 'bench',
    denominator: 'bench',
    kind: 'proportion',
    targets: [],
    levels: ['site', 'trust', 'ics'],
    source: 'ae',
    published: false,
    interval: 'wilson',
    sql: 'bench',
  }));
  const { port, headers, close } = await serveBenchApp(
    warehouse,
    registry,
    (() => null) as unknown as AppDeps['xmr'],
  );

  const cachedPath = '/api/indicators/ind_3/values?org=T21&grain=month&by=imd_quintile';
  const uncachedPaths: string[] = [];
  for (let day = 0; day < 300; day++) {
    for (const org of ['T00', 'T11', 'T22', 'T32', 'T41', 'T000', 'T121', 'T221', 'IC2', 'IC4']) {
      const from = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      const to = new Date(Date.UTC(2024, 0, 31 + day)).toISOString().slice(0, 10);
      uncachedPaths.push(
        `/api/indicators/ind_${day % 10}/values?org=${org}&grain=day&from=${from}&to=${to}`,
      );
    }
  }
  const body = await (await fetch(`http://127.0.0.1:${port}${cachedPath}`, { headers })).text();
  console.log(
    `cached route body: ${body.length} bytes; uncached: ${uncachedPaths.length} distinct queries (30 rows each) cycled through a 1,000-entry cache`,
  );

  const pagedPath = '/api/indicators/ind_5/values?grain=day&by=sex';
  const paged = await fetch(`http://127.0.0.1:${port}${pagedPath}`, { headers });
  const pagedBody = (await paged.json()) as { rows: unknown[]; next: string | null };
  console.log(
    `paged route (no org=): first page ${pagedBody.rows.length.toLocaleString('en-GB')} rows, next ${pagedBody.next ? 'given' : 'none'}`,
  );

  const generator = loadGenerator(port, headers);
  const {
    hello,
    cached,
    uncached,
    alone: uncachedAlone,
  } = await measureRoutes(
    generator,
    { cached: cachedPath, uncached: uncachedPaths },
    seconds,
    rounds,
  );
  // First pages over every organisation (5,000 rows each), distinct queries cycled through the
  // cache as above, so never answered from it.
  const pagePaths: string[] = [];
  for (let day = 0; day < 300; day++) {
    const from = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    for (let i = 0; i < 10; i++)
      pagePaths.push(
        `/api/indicators/ind_${i}/values?grain=week&by=imd_quintile&from=${from}&limit=5000`,
      );
  }
  const pages = summarise([await generator.measure(pagePaths, seconds * 1000, 4)]);
  await generator.close();
  await close();
  const line = (name: string, r: LoadResult) =>
    console.log(
      `${name.padEnd(42)} ${fmt(r.rps, 0).padStart(7)} req/s  p50 ${fmt(r.p50, 2).padStart(7)} ms  p99 ${fmt(r.p99, 2).padStart(7)} ms  ` +
        `${fmt(r.rps / hello.rps, 2)}× hello  statuses ${JSON.stringify(r.statuses)}`,
    );
  console.log(
    `loopback, ${connections} keep-alive connections, load generator in a worker thread; ` +
      `hello and cached alternate in ${rounds} rounds of ${fmt(seconds / rounds, 2)} s; others ${seconds} s each ` +
      `(API_BENCH_SECONDS=${seconds} API_BENCH_ROUNDS=${rounds}):`,
  );
  line('hello world (bare Hono route)', hello);
  line('cached indicator route', cached);
  line('uncached indicator route', uncached);
  line('uncached, one client at a time', uncachedAlone);
  line('uncached 5,000-row pages, 4 clients', pages);
  const ratio = cached.rps / hello.rps;
  console.log(
    `cached / hello = ${fmt(ratio, 2)} (aim ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); ` +
      `uncached p50 ${fmt(uncached.p50, 1)} ms, p99 ${fmt(uncached.p99, 1)} ms under ${connections} connections ` +
      `(aim p99 ≤ 50 ms: ${uncached.p99 <= 50 ? 'met' : 'NOT met'})`,
  );

  for (const n of [10_000, 100_000]) {
    const table = await queryTable(
      connection,
      'bench-rows',
      sql`SELECT * FROM indicator_value LIMIT ${n}`,
    );
    const time = (f: () => unknown) => {
      const runs: number[] = [];
      let out: unknown;
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        out = f();
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      return { ms: runs[3]!, out };
    };
    const json = time(() => toJsonRows(table));
    const arrow = time(() => toArrowIpc(table));
    const jsonBytes = Buffer.byteLength(json.out as string);
    const arrowBytes = (arrow.out as Uint8Array).byteLength;
    console.log(
      `${n.toLocaleString('en-GB').padStart(7)} rows: JSON ${fmt(json.ms)} ms / ${fmt(jsonBytes / 1e6, 2)} MB; Arrow ${fmt(arrow.ms)} ms / ${fmt(arrowBytes / 1e6, 2)} MB; ` +
        `Arrow ${fmt(json.ms / arrow.ms)}× faster, ${fmt(jsonBytes / arrowBytes)}× smaller (median of 7, from the same DuckDB columns)`,
    );
  }
  warehouse.close();
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await run();
