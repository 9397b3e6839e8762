import { indicators, xmr } from '../pipelines/indicators/index.js';
import type { Warehouse } from '../pipelines/warehouse/index.js';
import { connections, loadGenerator, measureRoutes, type LoadResult } from './load-generator.js';
import { serveBenchApp } from './serve-bench-app.js';

/**
 * The API over the warehouse the region bench built, served on loopback as the service serves
 * it (three read connections, the real registry, an analyst's token), driven over
 * `connections` keep-alive connections: a bare Hono route (the baseline) alternating with a
 * cached indicator route, then uncached reads of one series over 30 days (distinct queries
 * cycled through the 1,000-entry cache, so none is answered from it), under load and one
 * client at a time. Returns the bench table's lines.
 */
export async function measureRegionApi(
  warehouse: Warehouse,
  seconds = 5,
  rounds = 8,
): Promise<Array<[string, string]>> {
  const { connection } = warehouse;
  const { port, headers, close } = await serveBenchApp(warehouse, indicators, xmr);

  // Series of the synthetic trusts and ICSs, 30 days each, ending on each day of the history.
  const reader = await connection.runAndReadAll(
    `SELECT list(org_code ORDER BY org_code) FILTER (org_type IN ('trust', 'ics')),
       (SELECT strftime(max(day), '%Y-%m-%d') FROM indicator_org_day)
     FROM org WHERE is_synthetic`,
  );
  const [orgs, lastDay] = reader.getRowsJS()[0] as [string[], string];
  const series = [
    'ae_4h_performance',
    'ae_attendances',
    'ambulance_handover_mean',
    'ga_bed_occupancy',
  ];
  const uncachedPaths: string[] = [];
  for (let back = 0; uncachedPaths.length < 3000; back++) {
    const to = new Date(Date.parse(`${lastDay}T00:00:00Z`) - back * 86_400_000);
    const from = new Date(to.getTime() - 29 * 86_400_000);
    for (const org of orgs) {
      const id = series[(back + org.length) % series.length];
      uncachedPaths.push(
        `/api/indicators/${id}/values?org=${org}&grain=day&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`,
      );
    }
  }
  const cachedPath = `/api/indicators/ae_4h_performance/values?org=${orgs[0]}&grain=month&by=imd_quintile`;
  const first = await fetch(`http://127.0.0.1:${port}${uncachedPaths[0]}`, { headers });
  const firstBody = (await first.json()) as { rows?: unknown[] };
  const cachedBody = await (
    await fetch(`http://127.0.0.1:${port}${cachedPath}`, { headers })
  ).text();
  if (first.status !== 200 || !firstBody.rows?.length)
    throw new Error(`the uncached route answered ${first.status} with no rows`);

  const generator = loadGenerator(port, headers);
  const { hello, cached, uncached, alone } = await measureRoutes(
    generator,
    { cached: cachedPath, uncached: uncachedPaths },
    seconds,
    rounds,
  );
  await generator.close();
  await close();

  const line = (r: LoadResult) =>
    `${Math.round(r.rps).toLocaleString('en-GB')} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; statuses ${JSON.stringify(r.statuses)}`;
  return [
    [`API: hello world (bare Hono route), ${connections} connections`, line(hello)],
    [
      '  cached indicator route (aim ≥ 0.5× hello)',
      `${(cached.rps / hello.rps).toFixed(2)}× hello; ${line(cached)}; body ${cachedBody.length.toLocaleString('en-GB')} bytes`,
    ],
    [
      `  uncached, 30 days of one series (aim p99 ≤ 50 ms)`,
      `${line(uncached)}; ${firstBody.rows.length} rows each, ${uncachedPaths.length.toLocaleString('en-GB')} distinct queries`,
    ],
    ['  uncached, one client at a time', line(alone)],
  ];
}
