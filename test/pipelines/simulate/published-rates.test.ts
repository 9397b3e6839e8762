import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOpelConfig } from '../../../pipelines/indicators/opel/opel-config.js';
import { simulate } from '../../../pipelines/simulate/index.js';
import { openDuckDb, rows } from './read-feed.js';

// The simulated ICS against England's published figures (docs/calibration.md): NHS England's
// monthly A&E files shipped in data/published/ae-monthly and ONS's mid-2023 population.
const root = join(import.meta.dirname, '..', '..', '..');
const published = join(root, 'data', 'published', 'ae-monthly', '*.csv');
const population = join(root, 'test', 'fixtures', 'ons', 'england-population.csv');
const reference = join(root, 'data', 'reference');
const days = 28;
const start = '2025-10-20';

let out: string;
let db: DuckDBConnection;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'simulate-published-'));
  simulate(
    { days, seed: 'published', out, start, batch: 'day', referenceDir: reference },
    {
      clock: { now: () => new Date('2026-01-01T00:00:00Z') },
      log: { info() {}, warn() {}, error() {} },
    },
  );
  db = await openDuckDb();
  await db.run(`
    CREATE TABLE ae AS
    SELECT Site_Code AS site, EC_Department_Type AS dept,
           EC_Arrival_Date_Time::TIMESTAMPTZ AS arrived, EC_Departure_Date_Time::TIMESTAMPTZ AS departed
    FROM read_csv('${join(out, 'ae', '*.csv')}', header = true, all_varchar = true)
    WHERE EC_Departure_Date_Time IS NOT NULL;
    CREATE TABLE simulated_population AS
    SELECT sum(p.persons) AS persons
    FROM read_csv('${join(reference, 'population.synthetic.csv')}', header = true) p
    JOIN read_csv('${join(reference, 'lsoa.synthetic.csv')}', header = true) l USING (lsoa_code)
    WHERE l.ics_code = 'XQA';
    -- Published months: every provider row (the totals row left out), booked included.
    CREATE TABLE england AS
    SELECT "Period" AS period,
           sum("A&E attendances Type 1"::BIGINT + "A&E attendances Booked Appointments Type 1"::BIGINT) AS type1,
           sum("A&E attendances Other A&E Department"::BIGINT
               + "A&E attendances Booked Appointments Other Department"::BIGINT) AS other
    FROM read_csv('${published}', header = true, all_varchar = true, union_by_name = true)
    WHERE upper(trim("Org Code")) <> 'TOTAL' AND "Period" LIKE 'MSitAE-%'
    GROUP BY 1;
  `);
}, 300_000);

afterAll(() => {
  db?.closeSync();
  rmSync(out, { recursive: true, force: true });
});

/** Attendances per 1,000 people a day: England's over its ten months, and the simulated ICS's. */
async function ratesPer1000() {
  const [england] = await rows(
    db,
    `WITH months AS (
       SELECT type1, other,
              day(last_day(strptime(split_part(period, '-', 2) || ' ' || split_part(period, '-', 3), '%B %Y'))) AS days
       FROM england)
     SELECT 1000 * sum(type1) / sum(days) / p.persons AS type1, 1000 * sum(other) / sum(days) / p.persons AS other,
            count(*) AS months
     FROM months, read_csv('${population}', header = true) p WHERE p.area_code = 'E92000001' GROUP BY p.persons`,
  );
  const [simulated] = await rows(
    db,
    `SELECT 1000 * count(*) FILTER (dept = '01') / ${days} / persons AS type1,
            1000 * count(*) FILTER (dept = '03') / ${days} / persons AS other
     FROM ae, simulated_population
     WHERE arrived >= TIMESTAMPTZ '${start} 00:00:00 Europe/London'
       AND arrived < TIMESTAMPTZ '${start} 00:00:00 Europe/London' + INTERVAL ${days} DAY
     GROUP BY persons`,
  );
  return { england: england!, simulated: simulated! };
}

/** Each site-hour: patients in the department at the hour and the longest wait among them. */
async function siteHours() {
  await db.run(`
    CREATE OR REPLACE TABLE site_hour AS
    WITH present AS (
      SELECT site, dept, arrived,
             unnest(generate_series(date_trunc('hour', arrived) + INTERVAL 1 HOUR, departed, INTERVAL 1 HOUR)) AS hour_at
      FROM ae)
    SELECT site, dept, hour_at, count(*) AS census, max(epoch(hour_at - arrived)) / 3600 AS longest_hours
    FROM present
    WHERE hour_at >= TIMESTAMPTZ '${start}' + INTERVAL 3 DAY AND hour_at < TIMESTAMPTZ '${start}' + INTERVAL ${days - 1} DAY
    GROUP BY ALL`);
}

describe('simulate(): rates calibrated to England', () => {
  it('reads ten published months of England from data/published', async () => {
    const { england } = await ratesPer1000();
    expect(Number(england.months)).toBe(10);
    // About 0.80 type 1 and 0.48 other attendances per 1,000 people a day (2024/25).
    expect(Number(england.type1)).toBeGreaterThan(0.7);
    expect(Number(england.type1)).toBeLessThan(0.9);
  });

  it.each(['type1', 'other'] as const)(
    'has %s attendances per 1,000 people a day within 15 percent of England',
    async (type) => {
      const { england, simulated } = await ratesPer1000();
      const ratio = Number(simulated[type]) / Number(england[type]);
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    },
  );

  it('keeps each ED over 150% of its capacity in under 5% of site-hours', async () => {
    await siteHours();
    const capacity = defaultOpelConfig.defaultEdCapacity;
    const [r] = await rows(
      db,
      `SELECT avg((census > 1.5 * CASE dept WHEN '01' THEN ${capacity['01']} ELSE ${capacity.other} END)::INTEGER) AS share,
              count(*) AS hours, max(census) AS most
       FROM site_hour`,
    );
    expect(Number(r!.hours)).toBeGreaterThan(24 * 20 * 7 * 0.9);
    expect(Number(r!.share)).toBeLessThan(0.05);
    // Crowding still happens: some site-hours are over full.
    expect(Number(r!.most)).toBeGreaterThan(capacity['01']!);
  });

  it('has nobody waiting over 48 hours in 99% of site-hours, and long waits in some', async () => {
    await siteHours();
    const [r] = await rows(
      db,
      `SELECT avg((longest_hours > 48)::INTEGER) AS over48, avg((longest_hours > 12)::INTEGER) AS over12
       FROM site_hour WHERE dept = '01'`,
    );
    expect(Number(r!.over48)).toBeLessThan(0.01);
    expect(Number(r!.over12)).toBeGreaterThan(0.2);
  });
});
