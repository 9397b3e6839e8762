import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncRegistry } from '../../../pipelines/indicators/sync-registry.js';
import { defaultDisclosureRule } from '../../../pipelines/read/index.js';
import { buildDailyBrief } from '../../../pipelines/reports/build-daily-brief.js';
import { reportPeriod } from '../../../pipelines/reports/index.js';
import { ReportReader } from '../../../pipelines/reports/report-reader.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';
import { refreshOrgFeedSpan } from '../../../pipelines/warehouse/index.js';

// The API fixture: ICS QOP (trust R0A, sites R0A01 and R0A02).
const fixtures = join(import.meta.dirname, '..', '..', 'server', 'fixtures');
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(readFileSync(join(fixtures, 'warehouse.sql'), 'utf8'));
  await syncRegistry(warehouse.connection);
  // Eight days of A&E at R0A and QOP; 4-hour performance falls from 80% to 60% on 1 December,
  // a day on which a patient who arrived at 20:00 is still in the department.
  await warehouse.connection.run(`INSERT INTO indicator_value
    SELECT id, org, 'day', TIMESTAMP '2024-11-24' + INTERVAL (d) DAY, 'total', 'all',
      CASE WHEN id = 'ae_attendances' THEN 100 WHEN d = 7 THEN 60 ELSE 80 END,
      CASE WHEN id = 'ae_attendances' THEN NULL ELSE 100 END,
      CASE WHEN id = 'ae_attendances' THEN 100 WHEN d = 7 THEN 0.6 ELSE 0.8 END, NULL, NULL
    FROM (VALUES ('ae_attendances'), ('ae_4h_performance'), ('ae_12h_from_arrival')) i(id),
      (VALUES ('R0A'), ('QOP')) o(org), range(8) r(d)`);
  for (const site of ['R0A01', 'R0A02'])
    await warehouse.connection.run(`INSERT INTO site_coverage
      SELECT '${site}', 'ae', DATE '2024-11-23' + CAST(d AS INTEGER),
        TIMESTAMP '2024-11-23 00:00' + INTERVAL (d) DAY, TIMESTAMP '2024-11-23 23:59' + INTERVAL (d) DAY,
        CASE WHEN d = 8 THEN TIMESTAMP '2024-12-01 20:00' END, 100
      FROM range(10) r(d)`);
  await refreshOrgFeedSpan(warehouse.connection);
});
afterAll(() => warehouse?.close());

describe('buildDailyBrief on a day not yet complete', () => {
  it('marks the day provisional and judges none of its figures', async () => {
    const document = await buildDailyBrief(
      new ReportReader(
        warehouse.connection,
        { role: 'operations', ics: null },
        defaultDisclosureRule,
      ),
      reportPeriod('daily-brief', '2024-12-02'),
      new Date('2024-12-02T06:30:00Z'),
    );
    const ics = document.whatChanged.find((line) => line.startsWith('Greater Manchester ICB'));
    expect(ics).toMatch(/4-hour performance 60\.0%.*Provisional: not every patient/);
    // The 20-point drop is on a provisional day: no "where to look" line, no colour.
    expect(document.whereToLook.filter((line) => line.includes('4-hour'))).toEqual([]);
    const flow = document.sections.find((s) => s.title.startsWith('Flow on'))!;
    const trust = flow.table!.rows.find((row) => row[0]!.text.startsWith('Manchester Trust'))!;
    expect(trust[4]).toEqual({ text: '60.0% (provisional)', numeric: true });
    expect(trust.slice(5, 7).map((cell) => cell.tone)).toEqual([undefined, undefined]);
  });
});
