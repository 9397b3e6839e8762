import { loadConfig } from '../../config.js';
import { openWarehouse } from '../../warehouse/open-warehouse.js';
import { backtestArrivals } from './backtest-arrivals.js';
import { completeHours } from './complete-hours.js';
import { readHourlyCounts } from './read-hourly-counts.js';

// Prints the 8-week backtest of the forecast model for every site in the warehouse (read-only):
//   npx tsx pipelines/indicators/forecast-model/print-backtest.ts [arrivals|admissions]
const measure = (process.argv[2] ?? 'arrivals') as 'arrivals' | 'admissions';
const config = loadConfig();
const warehouse = await openWarehouse(config.dbPath, { readOnly: true });
try {
  const bySite = await readHourlyCounts(warehouse.connection, measure);
  console.log(
    `site\tmeasure\thours\tMASE\tcover80\tcover95\tpoints (baseline: same hour last week)`,
  );
  for (const [site, rows] of bySite) {
    const from = rows[0].hour_start;
    const to = new Date(rows[rows.length - 1].hour_start.getTime() + 3_600_000);
    const history = completeHours(rows, { from, to });
    if (history.length < 9 * 168) {
      console.log(`${site}\t${measure}\t${history.length}\t(needs 9 weeks of history)`);
      continue;
    }
    const r = backtestArrivals(history, { weeks: 8 });
    console.log(
      [
        site,
        measure,
        history.length,
        r.mase.toFixed(3),
        r.coverage80.toFixed(3),
        r.coverage95.toFixed(3),
        r.points,
      ].join('\t'),
    );
  }
} finally {
  warehouse.close();
}
