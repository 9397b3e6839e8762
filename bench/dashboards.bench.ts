import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildDashboards } from '../dashboards/build.js';
import { chromiumPath } from '../pipelines/browser/chromium-path.js';
import { startDemoObservatory } from '../test/browser/demo-observatory.js';

const days = Number(process.env.DASHBOARD_BENCH_DAYS ?? 3);
const historyDays = Number(process.env.DASHBOARD_BENCH_HISTORY_DAYS ?? 365);
const loads = Number(process.env.DASHBOARD_BENCH_LOADS ?? 3);
const pages = ['index', 'flow', 'inequalities', 'explorer', 'region', 'quality', 'reports'];
const trace = process.env.DASHBOARD_BENCH_TRACE === '1';
const published = join(
  import.meta.dirname,
  '..',
  'data',
  'published',
  'ae-monthly',
  'Monthly-AE-May-2025.csv',
);

/**
 * Per page: the time from navigation to performance.mark('first-chart') in headless Chromium on
 * localhost (median of a few loads) and the JS shipped (gzip). The warehouse holds a simulated
 * demo ICS (a few days, through the real ingest) plus a year of indicator values for every
 * synthetic organisation of the region (the rows the pages query), inserted directly: a
 * region-year simulated through the ingest engine takes hours on two cores.
 */
export async function run(): Promise<void> {
  const bundles = await buildDashboards();
  const started = performance.now();
  const demo = await startDemoObservatory({
    days,
    published: existsSync(published) ? [published] : [],
  });
  const connection = demo.observatory.warehouse.connection;
  await connection.run(`
    INSERT OR IGNORE INTO indicator_value
    WITH orgs AS (
      SELECT org_code FROM org WHERE is_synthetic AND org_type IN ('region', 'ics', 'trust', 'site')
    ), ids AS (
      SELECT * FROM (VALUES ('ae_4h_performance'), ('ae_12h_from_arrival'), ('ae_attendances'),
        ('ae_time_in_department'), ('ambulance_handover_over_30'), ('ga_bed_occupancy'),
        ('nctr_patients'), ('discharges'), ('discharge_delay_days'), ('length_of_stay_mean')) v(id)
    ), first AS (
      SELECT coalesce(min(period_start), current_date::TIMESTAMP) AS t FROM indicator_value WHERE grain = 'day'
    ), periods AS (
      SELECT 'day' AS grain, first.t - INTERVAL (d + 1) DAY AS period_start FROM first, range(${historyDays}) r(d)
      UNION ALL SELECT 'week', date_trunc('week', first.t) - INTERVAL (7 * (w + 1)) DAY FROM first, range(${Math.ceil(historyDays / 7)}) r(w)
      UNION ALL SELECT 'month', date_trunc('month', first.t) - INTERVAL (m + 1) MONTH FROM first, range(${Math.ceil(historyDays / 30)}) r(m)
    ), cats AS (
      SELECT * FROM (VALUES ('total', 'all'), ('imd_quintile', '1'), ('imd_quintile', '2'),
        ('imd_quintile', '3'), ('imd_quintile', '4'), ('imd_quintile', '5'), ('imd_quintile', 'Unknown'),
        ('sex', 'F'), ('sex', 'M')) c(dimension, category)
    )
    SELECT ids.id, orgs.org_code, p.grain, p.period_start, c.dimension, c.category,
      n * 0.75, n, 0.75 + (hash(ids.id, orgs.org_code, p.period_start, c.category) % 100) / 1000.0, NULL, NULL
    FROM ids, orgs, periods p, cats c,
      LATERAL (SELECT (hash(orgs.org_code, p.period_start, c.category) % 900)::DOUBLE + 100 AS n)
    ORDER BY 1, 2, 3, 5, 6, 4`);
  demo.observatory.events.publish('data_landed', { feed: 'bench', file: 'history' });
  const rows = Number(
    (await connection.runAndReadAll('SELECT count(*) FROM indicator_value')).getRowsJS()[0]![0],
  );
  console.log(
    `warehouse: demo ICS ${days} days + ${historyDays} days of indicator values for the region's synthetic organisations: ${rows.toLocaleString('en-GB')} indicator_value rows, ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(demo.observatory.signInUrl!);
    console.log('page           first chart (median ms)   JS gzip KB   aim: ≤ 1500 ms, ≤ 500 KB');
    for (const name of pages) {
      const times: number[] = [];
      for (let i = 0; i < loads; i++) {
        await page.goto(`${demo.observatory.url}/${name}.html`);
        const handle = await page
          .waitForFunction(
            () => {
              const mark = performance.getEntriesByName('first-chart')[0];
              if (mark) return mark.startTime;
              const error = document.querySelector('.banner.error:not([hidden])');
              if (error) return `error: ${error.textContent ?? ''}`;
              const settled = document.querySelector('.content')?.textContent?.includes('No ');
              return settled && !document.querySelector('figure.chart') ? 'no chart' : null;
            },
            undefined,
            { timeout: 60_000 },
          )
          .catch(() => null);
        const value = handle ? await handle.jsonValue() : 'no first chart within 60 s';
        if (typeof value === 'string') {
          console.log(`${name}: ${value}`);
          times.push(-1);
          continue;
        }
        times.push(Number(value));
      }
      if (trace) {
        const slowest = await page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .map(
              (entry) =>
                `${Math.round(entry.startTime)}+${Math.round(entry.duration)} ms ${entry.name.replace(location.origin, '')}`,
            )
            .slice(-12),
        );
        console.log(slowest.map((line) => `    ${line}`).join('\n'));
      }
      const bundle = bundles.find((b) => b.page === name)!;
      const sorted = [...times].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)];
      console.log(
        `${name.padEnd(14)} ${median < 0 ? 'no chart on this data'.padStart(24) : `${median.toFixed(0).padStart(24)}`}   ${(bundle.gzipBytes / 1024).toFixed(1).padStart(10)}`,
      );
    }
  } finally {
    await browser.close();
    await demo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
