import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import type { FeedLoadResult } from '../../../../pipelines/feeds/feed.js';
import {
  fixtures,
  loadAeMonthlyFile,
  query,
  seedNationalOrg,
  type Warning,
} from './load-ae-monthly-file.js';

const real = join(fixtures, 'real');
/** The published months the product ships (data/published), loaded by the demo too. */
const published = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'data',
  'published',
  'ae-monthly',
);
const monthlyFiles = readdirSync(published)
  .filter((f) => /^Monthly-AE-.*\.csv$/.test(f))
  .sort();

let warehouse: Warehouse;
const results = new Map<string, { result: FeedLoadResult; warnings: Warning[]; fileId: bigint }>();

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await seedNationalOrg(warehouse.connection);
  for (const file of monthlyFiles) {
    results.set(file, await loadAeMonthlyFile(warehouse.connection, join(published, file)));
  }
});

afterAll(() => warehouse.close());

describe('aeMonthlyFeed.load(context) on every published MSitAE file', () => {
  it('has the ten monthly files to load', () => {
    expect(monthlyFiles).toHaveLength(10);
  });

  it.each(monthlyFiles)(
    '%s: rows_in = loaded + quarantined + duplicate, every provider loaded',
    (file) => {
      const { result, warnings } = results.get(file)!;
      expect(result.rowsIn).toBe(result.loaded + result.quarantined + result.duplicate);
      expect(result.quarantined).toBe(0);
      expect(result.loaded).toBeGreaterThan(190);
      expect(result.touched.months).toHaveLength(1);
      // the totals row added up (no warning) and every provider is in the org reference
      expect(warnings).toEqual([]);
    },
  );

  it('never loads a totals row as an organisation', async () => {
    const rows = await query(
      warehouse.connection,
      "SELECT count(*) AS n FROM ae_monthly WHERE upper(trim(org_code)) = 'TOTAL'",
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it.each(monthlyFiles)(
    '%s: stored provider rows sum, column by column, to the published totals row',
    async (file) => {
      const [row] = await query(
        warehouse.connection,
        `WITH published AS (
           SELECT * FROM read_csv($1, all_varchar = true) WHERE upper(trim("Org Code")) = 'TOTAL'
         ), stored AS (
           SELECT sum(att_type1) AS att_type1, sum(over4h_booked_other) AS over4h_booked_other,
                  sum(dta_12h_plus) AS dta_12h_plus, sum(other_emergency_admissions) AS other_adm
           FROM ae_monthly WHERE source_file_id = $2
         )
         SELECT p."A&E attendances Type 1"::BIGINT - s.att_type1 AS d1,
           p."Attendances over 4hrs Booked Appointments Other Department"::BIGINT - s.over4h_booked_other AS d2,
           p."Patients who have waited 12+ hrs from DTA to admission"::BIGINT - s.dta_12h_plus AS d3,
           p."Other emergency admissions"::BIGINT - s.other_adm AS d4
         FROM published p, stored s`,
        [join(published, file), results.get(file)!.fileId],
      );
      expect([row!.d1, row!.d2, row!.d3, row!.d4].map(Number)).toEqual([0, 0, 0, 0]);
    },
  );

  it('gives England June 2025: 75.5% within 4 hours (1,775,669 of 2,350,478), type 1 61.7%, 38,683 12h+ DTA waits', async () => {
    const [eng] = await query(
      warehouse.connection,
      `SELECT attendances_all, over4h_all, attendances_type1, over4h_type1, dta_12h_plus
       FROM ae_monthly_measures WHERE org_code = 'ENG' AND period_start = DATE '2025-06-01'`,
    );
    const attendances = Number(eng!.attendances_all);
    const within = attendances - Number(eng!.over4h_all);
    expect(attendances).toBe(2_350_478);
    expect(within).toBe(1_775_669);
    expect(Math.round((1000 * within) / attendances) / 10).toBe(75.5);
    const type1 = 1 - Number(eng!.over4h_type1) / Number(eng!.attendances_type1);
    expect(Math.round(1000 * type1) / 10).toBe(61.7);
    expect(Number(eng!.dta_12h_plus)).toBe(38_683);
  });

  it('agrees with the June 2025 workbook, England and every provider', async () => {
    const rows = await query(
      warehouse.connection,
      `SELECT d.code, d.att_total::BIGINT AS att, d.gt4h_total::BIGINT AS gt4h, d.dta_gt12h::BIGINT AS dta12,
              d.gt4h_type1::BIGINT AS gt4h1, m.attendances_all, m.over4h_all, m.dta_12h_plus, m.over4h_type1
       FROM read_csv($1, all_varchar = true) d
       JOIN ae_monthly_measures m ON m.period_start = DATE '2025-06-01'
        AND m.org_code = CASE d.code WHEN '-' THEN 'ENG' ELSE d.code END`,
      [join(real, 'derived_june2025_provider_level_data.csv')],
    );
    expect(rows.length).toBeGreaterThanOrEqual(202);
    const mismatches = rows.filter(
      (r) =>
        r.att !== r.attendances_all ||
        r.gt4h !== r.over4h_all ||
        r.dta12 !== r.dta_12h_plus ||
        r.gt4h1 !== r.over4h_type1,
    );
    expect(mismatches).toEqual([]);
  });

  it('rolls providers up to ICBs, regions and England, each level summing to the one above', async () => {
    const rows = await query(
      warehouse.connection,
      `WITH p AS (
         SELECT m.period_start, o.ics_code, o.region_code, m.att_type1 + m.att_type2 + m.att_other
           + m.att_booked_type1 + m.att_booked_type2 + m.att_booked_other AS att, m.dta_12h_plus
         FROM ae_monthly m JOIN org o USING (org_code) WHERE m.source_format = 'msitae'
       ), icb AS (SELECT period_start, ics_code, sum(att) AS att, sum(dta_12h_plus) AS dta FROM p GROUP BY ALL)
       SELECT
         (SELECT count(*) FROM icb JOIN ae_monthly_measures v ON v.org_code = icb.ics_code AND v.period_start = icb.period_start
          WHERE v.org_level = 'ics' AND v.attendances_all = icb.att AND v.dta_12h_plus = icb.dta) AS icbs_matching,
         (SELECT count(*) FROM icb) AS icbs,
         (SELECT count(DISTINCT ics_code) FROM icb) AS distinct_icbs,
         (SELECT count(*) FROM (
            SELECT v.period_start, v.attendances_all - sum(i.attendances_all) AS diff
            FROM ae_monthly_measures v
            JOIN org r ON r.org_code = v.org_code AND r.org_type = 'region'
            JOIN org io ON io.region_code = r.org_code AND io.org_type = 'ics'
            JOIN ae_monthly_measures i ON i.org_code = io.org_code AND i.period_start = v.period_start
            GROUP BY v.period_start, v.org_code, v.attendances_all HAVING diff <> 0)) AS regions_not_summing,
         (SELECT count(*) FROM (
            SELECT e.period_start FROM ae_monthly_measures e
            JOIN ae_monthly_measures r ON r.period_start = e.period_start AND r.org_level = 'region'
            WHERE e.org_code = 'ENG' GROUP BY e.period_start, e.attendances_all
            HAVING e.attendances_all <> sum(r.attendances_all))) AS england_not_summing`,
    );
    const r = rows[0]!;
    expect(Number(r.distinct_icbs)).toBe(42);
    expect(Number(r.icbs_matching)).toBe(Number(r.icbs));
    expect(Number(r.regions_not_summing)).toBe(0);
    expect(Number(r.england_not_summing)).toBe(0);
  });

  it('changes nothing when the same file is loaded again: every row a duplicate', async () => {
    const before = await query(
      warehouse.connection,
      'SELECT count(*) AS n FROM ae_monthly_history',
    );
    const { result } = await loadAeMonthlyFile(
      warehouse.connection,
      join(published, monthlyFiles[0]!),
    );
    expect(result.duplicate).toBe(result.rowsIn);
    expect(result.loaded).toBe(0);
    expect(result.touched.months).toEqual([]);
    const after = await query(warehouse.connection, 'SELECT count(*) AS n FROM ae_monthly_history');
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('aeMonthlyFeed.load(context) on the NHS-R ae_attendances file', () => {
  let result: FeedLoadResult;
  beforeAll(async () => {
    ({ result } = await loadAeMonthlyFile(
      warehouse.connection,
      join(real, 'nhsrdatasets_ae_attendances.csv'),
    ));
  });

  it('loads all 12,765 rows into one row per period and organisation', async () => {
    expect(result).toMatchObject({ rowsIn: 12_765, loaded: 12_765, quarantined: 0, duplicate: 0 });
    expect(result.touched.months).toHaveLength(36);
    const [n] = await query(
      warehouse.connection,
      `SELECT count(*) AS rows, count(DISTINCT org_code) AS orgs, count(att_booked_type1) AS booked,
              count(dta_12h_plus) AS dta FROM ae_monthly WHERE source_format = 'nhsr'`,
    );
    expect(Number(n!.orgs)).toBe(274);
    expect(Number(n!.booked) + Number(n!.dta)).toBe(0);
  });

  it('keeps the published figures: RF4 March 2017 and the file totals', async () => {
    const [rf4] = await query(
      warehouse.connection,
      `SELECT att_type1, over4h_type1, emergency_admissions_type1, att_type2, over4h_type2, att_other
       FROM ae_monthly WHERE org_code = 'RF4' AND period_start = DATE '2017-03-01'`,
    );
    expect(Object.values(rf4!).map(Number)).toEqual([21289, 2879, 5060, 813, 22, 2850]);
    const [sums] = await query(
      warehouse.connection,
      `SELECT
         (SELECT sum(attendances::BIGINT) FROM read_csv($1, all_varchar = true)) AS file_att,
         (SELECT sum(breaches::BIGINT) FROM read_csv($1, all_varchar = true)) AS file_breaches,
         (SELECT sum(attendances_all) FROM ae_monthly_measures WHERE org_code = 'ENG' AND period_start < DATE '2020-01-01') AS att,
         (SELECT sum(over4h_all) FROM ae_monthly_measures WHERE org_code = 'ENG' AND period_start < DATE '2020-01-01') AS breaches`,
      [join(real, 'nhsrdatasets_ae_attendances.csv')],
    );
    expect(sums!.att).toBe(sums!.file_att);
    expect(sums!.breaches).toBe(sums!.file_breaches);
  });
});
