import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshIndicators } from '../../../pipelines/indicators/refresh-indicators.js';
import { indicators } from '../../../pipelines/indicators/registry.js';
import {
  directlyStandardisedRate,
  poissonRateInterval,
  wilsonInterval,
} from '../../../pipelines/indicators/statistics/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { insertAttendances, insertBedsAndDischarges, insertReference } from './fixture.js';

const quiet = { info() {}, warn() {}, error() {} };
const effects = { now: new Date('2025-11-04T12:00:00Z'), log: quiet };
let warehouse: Warehouse;
let db: DuckDBConnection;

async function rows(sql: string, params: Array<string | number> = []) {
  const reader = await db.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  db = warehouse.connection;
  await insertReference(db);
  await insertAttendances(db, { firstDay: '2025-10-20', days: 14, perDay: 40, seed: 1 });
  await insertBedsAndDischarges(db, { firstDay: '2025-10-20', days: 14, seed: 2 });
  await refreshIndicators(db, 'all', effects);
});

afterAll(() => warehouse.close());

describe('refreshIndicators(connection, "all", effects)', () => {
  it('gives every feed indicator in the registry values for the ICS', async () => {
    const found = await rows(
      `SELECT DISTINCT indicator_id FROM indicator_value WHERE org_code = 'QZZ' AND value IS NOT NULL`,
    );
    const ids = new Set(found.map((row) => row.indicator_id));
    for (const definition of indicators) expect(ids, definition.id).toContain(definition.id);
  });

  it('keeps the spans the values are read against: a month cut by the start is provisional', async () => {
    // The history starts on 20 October: October is provisional, a whole day inside it is not.
    const read = await rows(
      `SELECT grain, strftime(period_start, '%Y-%m-%d') AS period, is_provisional, coverage
       FROM indicator_value_status
       WHERE indicator_id = 'ae_attendances' AND org_code = 'QZZ' AND dimension = 'total'
         AND ((grain = 'month' AND period_start = TIMESTAMP '2025-10-01')
           OR (grain = 'day' AND period_start = TIMESTAMP '2025-10-25'))
       ORDER BY grain`,
    );
    expect(read).toEqual([
      { grain: 'day', period: '2025-10-25', is_provisional: false, coverage: 1 },
      expect.objectContaining({ grain: 'month', period: '2025-10-01', is_provisional: true }),
    ]);
    expect(Number(read[1]!.coverage)).toBeLessThan(0.45);
  });

  it('fills each grain and org level the registry promises', async () => {
    const found = await rows(
      `SELECT indicator_id, list(DISTINCT grain) AS grains, list(DISTINCT org_code) AS orgs
       FROM indicator_value GROUP BY indicator_id`,
    );
    const byId = new Map(found.map((row) => [row.indicator_id as string, row]));
    const levelOrg = { site: 'RZA01', trust: 'RZA', ics: 'QZZ', region: 'Y63', england: 'ENG' };
    for (const definition of indicators) {
      const row = byId.get(definition.id);
      expect(row, definition.id).toBeDefined();
      for (const grain of definition.grains) expect(row?.grains, definition.id).toContain(grain);
      for (const level of definition.levels.filter((level) => level !== 'england')) {
        expect(row?.orgs, `${definition.id} ${level}`).toContain(levelOrg[level]);
      }
    }
  });

  it('writes every breakdown from day up, with unknown deprivation shown', async () => {
    const found = await rows(
      `SELECT dimension, list(DISTINCT category) AS categories FROM indicator_value
       WHERE indicator_id = 'ae_4h_performance' AND grain = 'month' AND org_code = 'QZZ' GROUP BY dimension`,
    );
    const byDimension = new Map(found.map((row) => [row.dimension, row.categories as string[]]));
    expect(byDimension.get('imd_decile')).toContain('Unknown');
    expect(byDimension.get('imd_quintile')).toEqual(expect.arrayContaining(['1', '5', 'Unknown']));
    expect(byDimension.get('core20')).toEqual(
      expect.arrayContaining(['Core20', 'Rest', 'Unknown']),
    );
    for (const dimension of ['ethnic_group', 'age_band', 'sex', 'admission']) {
      expect(byDimension.has(dimension), dimension).toBe(true);
    }
    const hourly = await rows(
      `SELECT DISTINCT dimension FROM indicator_value WHERE grain = 'hour'`,
    );
    expect(hourly).toEqual([{ dimension: 'total' }]);
  });

  it('keeps the 25 UTC hours of the day the clocks go back in that local day', async () => {
    const [check] = await rows(
      `SELECT
         (SELECT value FROM indicator_value WHERE indicator_id = 'ae_attendances' AND org_code = 'RZA01'
            AND grain = 'day' AND period_start = TIMESTAMP '2025-10-26' AND dimension = 'total') AS day_total,
         (SELECT sum(value) FROM indicator_value WHERE indicator_id = 'ae_attendances' AND org_code = 'RZA01'
            AND grain = 'hour' AND period_start >= TIMESTAMP '2025-10-25 23:00:00'
            AND period_start < TIMESTAMP '2025-10-27 00:00:00') AS hour_total,
         (SELECT count(*) FROM ae_attendance WHERE site_code = 'RZA01' AND attendance_category <> '4'
            AND arrived_at >= TIMESTAMP '2025-10-25 23:00:00' AND arrived_at < TIMESTAMP '2025-10-27 00:00:00') AS facts`,
    );
    expect(check.day_total).toBe(Number(check.facts));
    expect(check.hour_total).toBe(Number(check.facts));
  });

  it('computes proportions, counts and rates with the statistics module’s intervals', async () => {
    const proportions = await rows(
      `SELECT numerator, denominator, value, lower, upper FROM indicator_value
       WHERE indicator_id IN ('ae_4h_performance', 'ambulance_handover_over_30') LIMIT 300`,
    );
    expect(proportions.length).toBeGreaterThan(100);
    for (const row of proportions) {
      const expected = wilsonInterval(row.numerator as number, row.denominator as number);
      expect(row.value).toBeCloseTo(expected.value as number, 12);
      expect(row.lower).toBeCloseTo(expected.lower as number, 12);
      expect(row.upper).toBeCloseTo(expected.upper as number, 12);
    }
    const rates = await rows(
      `SELECT numerator, denominator, value, lower, upper FROM indicator_value
       WHERE indicator_id IN ('ae_attendance_rate', 'admission_rate')`,
    );
    expect(rates.some((row) => (row.numerator as number) < 10)).toBe(true);
    expect(rates.some((row) => (row.numerator as number) >= 10)).toBe(true);
    for (const row of rates) {
      const expected = poissonRateInterval(row.numerator as number, row.denominator as number);
      expect(row.value).toBeCloseTo(expected.value as number, 8);
      expect(row.lower).toBeCloseTo(expected.lower as number, 8);
      expect(row.upper).toBeCloseTo(expected.upper as number, 8);
    }
  });

  it('standardises the attendance rate as directlyStandardisedRate does', async () => {
    const [dsr] = await rows(
      `SELECT value, lower, upper FROM indicator_value WHERE indicator_id = 'ae_attendance_rate_dsr'
       AND org_code = 'QZZ' AND grain = 'week' AND period_start = TIMESTAMP '2025-10-27'`,
    );
    const strata = await rows(
      `SELECT e.age_band, e.weight,
         (SELECT sum(persons) FROM population p JOIN lsoa l USING (lsoa_code)
           WHERE l.ics_code = 'QZZ' AND p.age_band = e.age_band) AS persons,
         (SELECT count(*) FROM ae_attendance a WHERE esp_age_band(a.age_years) = e.age_band
           AND a.attendance_category <> '4' AND period_day(a.arrived_at) BETWEEN DATE '2025-10-27' AND DATE '2025-11-02') AS events
       FROM esp2013 e ORDER BY band_order`,
    );
    const expected = directlyStandardisedRate(
      strata.map((row) => ({
        count: Number(row.events),
        population: Number(row.persons),
        standardPopulation: Number(row.weight),
      })),
    );
    expect(dsr.value).toBeCloseTo(expected.value as number, 8);
    expect(dsr.lower).toBeCloseTo(expected.lower as number, 8);
    expect(dsr.upper).toBeCloseTo(expected.upper as number, 8);
  });

  it('excludes planned follow-ups and patients still in the department', async () => {
    const [check] = await rows(
      `SELECT
         (SELECT denominator FROM indicator_value WHERE indicator_id = 'ae_4h_performance' AND org_code = 'QZZ'
            AND grain = 'month' AND period_start = TIMESTAMP '2025-10-01' AND dimension = 'total') AS completed,
         (SELECT count(*) FROM ae_attendance WHERE attendance_category <> '4' AND departed_at IS NOT NULL
            AND period_day(arrived_at) < DATE '2025-11-01') AS facts`,
    );
    expect(check.completed).toBe(Number(check.facts));
  });
});

describe('refreshIndicators(connection, touched, effects)', () => {
  it('gives the same table as a full rebuild after new, corrected and late rows', async () => {
    await insertAttendances(db, {
      firstDay: '2025-11-03',
      days: 1,
      perDay: 25,
      seed: 9,
      idPrefix: 'B',
      fileId: 2,
    });
    await db.run(
      `UPDATE ae_attendance SET departed_at = arrived_at + INTERVAL 13 HOUR, disposal = 'admitted'
       WHERE attendance_id IN ('A5', 'A6', 'A7')`,
    );
    await db.run(
      `UPDATE ae_attendance SET patient_id = 'P-late', arrived_at = TIMESTAMP '2025-10-24 10:00:00'
       WHERE attendance_id = 'A3000'`,
    );
    await db.run(
      `UPDATE bed_sitrep SET occupied = occupied + 3 WHERE snapshot_date = DATE '2025-10-25'`,
    );
    const changed = await rows(
      `SELECT DISTINCT site_code, strftime(period_day(arrived_at), '%Y-%m-%d') AS day FROM ae_attendance
       WHERE attendance_id IN ('A5', 'A6', 'A7', 'A3000') OR attendance_id LIKE 'B%'
       UNION SELECT site_code, '2025-10-25' FROM bed_sitrep`,
    );
    const touched = {
      siteDays: [
        ...changed.map((row) => ({ site_code: row.site_code as string, day: row.day as string })),
        { site_code: 'RZB01', day: '2025-10-30' },
      ],
      months: [],
    };
    const incremental = await refreshIndicators(db, touched, effects);
    expect(incremental.keys).toBeGreaterThan(0);
    await db.run(`CREATE TEMP TABLE incremental_values AS SELECT * FROM indicator_value`);
    await refreshIndicators(db, 'all', effects);
    const [difference] = await rows(
      `WITH a AS (SELECT * EXCLUDE (numerator, denominator, value, lower, upper),
                    round(numerator, 6) n, round(denominator, 6) d, round(value, 6) v, round(lower, 6) l, round(upper, 6) u
                  FROM incremental_values),
            b AS (SELECT * EXCLUDE (numerator, denominator, value, lower, upper),
                    round(numerator, 6) n, round(denominator, 6) d, round(value, 6) v, round(lower, 6) l, round(upper, 6) u
                  FROM indicator_value)
       SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b)) AS only_incremental,
              (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a)) AS only_full,
              (SELECT count(*) FROM b) AS total`,
    );
    expect(Number(difference.total)).toBeGreaterThan(1000);
    expect(Number(difference.only_incremental)).toBe(0);
    expect(Number(difference.only_full)).toBe(0);
  });
});

describe('refreshIndicators(connection, touched, effects) reading facts by the days touched', () => {
  it('counts a spell discharged late on the day and a patient ready weeks before it', async () => {
    const value = async (indicator: string, site: string) => {
      const [row] = await rows(
        `SELECT numerator, denominator FROM indicator_value WHERE indicator_id = $1 AND org_code = $2
           AND grain = 'day' AND period_start = TIMESTAMP '2025-11-02' AND dimension = 'total'`,
        [indicator, site],
      );
      return { n: Number(row?.numerator ?? 0), d: Number(row?.denominator ?? 0) };
    };
    const stayBefore = await value('length_of_stay_mean', 'RZB01');
    const stockBefore = await value('nctr_patients', 'RZA01');
    // Discharged at 23:40 on 2 November (GMT) after 10 days; ready on 21 October, still in a
    // bed on 2 November and discharged on the 4th (after the day refreshed).
    await db.run(
      `INSERT INTO spell VALUES ('S-late', NULL, 'RZB', 'RZB01', 'I', 'discharged', TIMESTAMP '2025-10-23 23:40:00',
         TIMESTAMP '2025-11-02 23:40:00', 'RZB01-W1', NULL, 70, 'F', TIMESTAMP '2025-10-23 23:40:00', TIMESTAMP '2025-10-23 23:40:00')`,
    );
    await db.run(
      `INSERT INTO discharge VALUES ('S-ready', NULL, 'RZA', 'RZA01', TIMESTAMP '2025-10-15 09:00:00', DATE '2025-10-21',
         TIMESTAMP '2025-11-04 11:00:00', 1, NULL, 'E06000901', 80, 'F', NULL, 1, NULL, TIMESTAMP '2025-01-01', 1)`,
    );
    // Each refresh reads its one day's facts: the spell's day for its ADT messages; for the
    // stock, a day an A&E file touched (its discharge measures are recomputed with it).
    const oneDay = (site_code: string, feed: 'adt' | 'ae') => ({
      siteDays: [{ site_code, day: '2025-11-02', feeds: [feed] }],
      months: [],
    });
    await refreshIndicators(db, oneDay('RZB01', 'adt'), effects);
    const stay = await value('length_of_stay_mean', 'RZB01');
    expect(stay.d).toBe(stayBefore.d + 1);
    expect(stay.n).toBeCloseTo(stayBefore.n + 10, 9);
    await refreshIndicators(db, oneDay('RZA01', 'ae'), effects);
    expect((await value('nctr_patients', 'RZA01')).n).toBe(stockBefore.n + 1);
  });
});

describe('refreshIndicators(connection, touched, effects) when facts are withdrawn', () => {
  it('removes the values of a site-day whose facts are all gone', async () => {
    const losOn28th = async () => {
      const [row] = await rows(
        `SELECT count(*) AS n FROM indicator_value WHERE indicator_id = 'length_of_stay_mean'
           AND org_code = 'RZB01' AND grain = 'day' AND period_start = TIMESTAMP '2025-10-28'`,
      );
      return Number(row!.n);
    };
    expect(await losOn28th()).toBeGreaterThan(0);
    // 28 October 2025 is GMT: the local day is the UTC day.
    await db.run(
      `DELETE FROM spell WHERE site_code = 'RZB01'
         AND discharged_at >= TIMESTAMP '2025-10-28' AND discharged_at < TIMESTAMP '2025-10-29'`,
    );
    await refreshIndicators(
      db,
      { siteDays: [{ site_code: 'RZB01', day: '2025-10-28', feeds: ['adt'] }], months: [] },
      effects,
    );
    expect(await losOn28th()).toBe(0);
  });
});

describe('refreshIndicators(connection, touched, effects) over unchanged facts', () => {
  it('recomputes the keys but rewrites only rows whose values moved', async () => {
    const touched = {
      siteDays: [{ site_code: 'RZA01', day: '2025-10-28', feeds: ['ae' as const] }],
      months: [],
    };
    // The rows of every key the site-day reaches: its site, trust, ICS and region, at its
    // hours, its day, its week and its month.
    const [ofKeys] = await rows(
      `SELECT count(*) AS n FROM indicator_value
       WHERE org_code IN ('RZA01', 'RZA', 'QZZ', 'Y63')
         AND ((grain IN ('hour', 'day') AND period_day(period_start) = DATE '2025-10-28')
           OR (grain = 'week' AND period_start = TIMESTAMP '2025-10-27')
           OR (grain = 'month' AND period_start = TIMESTAMP '2025-10-01'))`,
    );
    const again = await refreshIndicators(db, touched, effects);
    expect(again.keys).toBeGreaterThan(0);
    // Only sums that come out in another order (the last bits of a double) are written again.
    expect(again.rows).toBeLessThan(Number(ofKeys!.n) * 0.05);
    const [before] = await rows(`SELECT count(*) AS n FROM indicator_value`);
    await db.run(
      `UPDATE ae_attendance SET departed_at = departed_at + INTERVAL 5 HOUR
       WHERE attendance_id = (SELECT min(attendance_id) FROM ae_attendance
         WHERE site_code = 'RZA01' AND period_day(arrived_at) = DATE '2025-10-28')`,
    );
    const moved = await refreshIndicators(db, touched, effects);
    expect(moved.rows).toBeGreaterThan(again.rows);
    expect(moved.rows).toBeLessThan(Number(ofKeys!.n));
    const [after] = await rows(`SELECT count(*) AS n FROM indicator_value`);
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});

describe('refreshIndicators on published monthly data', () => {
  it('reproduces England’s June 2025 figures from the MSitAE provider file', async () => {
    const file = join(import.meta.dirname, 'fixtures', 'msitae-june-2025.csv');
    await db.run(
      `INSERT INTO ae_monthly
       SELECT DATE '2025-06-01', "Org Code", trim("Parent Org"), trim("Org name"),
         "A&E attendances Type 1", "A&E attendances Type 2", "A&E attendances Other A&E Department",
         "A&E attendances Booked Appointments Type 1", "A&E attendances Booked Appointments Type 2",
         "A&E attendances Booked Appointments Other Department",
         "Attendances over 4hrs Type 1", "Attendances over 4hrs Type 2", "Attendances over 4hrs Other Department",
         "Attendances over 4hrs Booked Appointments Type 1", "Attendances over 4hrs Booked Appointments Type 2",
         "Attendances over 4hrs Booked Appointments Other Department",
         "Patients who have waited 4-12 hs from DTA to admission",
         "Patients who have waited 12+ hrs from DTA to admission",
         "Emergency admissions via A&E - Type 1", "Emergency admissions via A&E - Type 2",
         "Emergency admissions via A&E - Other A&E department", "Other emergency admissions",
         'msitae', 99, NULL, TIMESTAMP '2025-08-01', 1
       FROM read_csv($1, header = true, all_varchar = false)
       WHERE trim("Org Code") <> 'TOTAL'`,
      [file],
    );
    await refreshIndicators(db, { siteDays: [], months: ['2025-06-01'] }, effects);
    const found = await rows(
      `SELECT indicator_id, numerator, value FROM indicator_value
       WHERE org_code = 'ENG' AND grain = 'month' AND period_start = TIMESTAMP '2025-06-01' AND dimension = 'total'`,
    );
    const byId = new Map(found.map((row) => [row.indicator_id, row]));
    expect(Math.round((byId.get('ae_4h_performance')?.value as number) * 1000) / 10).toBe(75.5);
    expect(byId.get('ae_4h_performance')?.numerator).toBe(1_775_669);
    expect(Math.round((byId.get('ae_4h_performance_type1')?.value as number) * 1000) / 10).toBe(
      61.7,
    );
    expect(byId.get('ae_attendances')?.value).toBe(2_350_478);
    expect(byId.get('ae_12h_from_dta')?.value).toBe(38_683);
    const trusts = await rows(
      `SELECT count(*) AS n FROM indicator_value WHERE indicator_id = 'ae_4h_performance' AND grain = 'month'
       AND period_start = TIMESTAMP '2025-06-01'`,
    );
    expect(Number(trusts[0].n)).toBeGreaterThan(100);
  });
});
