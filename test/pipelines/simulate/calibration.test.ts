import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../pipelines/clock/index.js';
import { simulate } from '../../../pipelines/simulate/index.js';
import { concatenateFeed, openDuckDb, rows } from './read-feed.js';

const silent = { info() {}, warn() {}, error() {} };
let out: string;
let db: DuckDBConnection;

const one = async (sql: string): Promise<Record<string, unknown>> => (await rows(db, sql))[0]!;
const num = (value: unknown): number => Number(value);

// Eight weeks from Monday 20 October 2025 (crossing the October clock change) of the default ICS.
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'simulate-calibration-'));
  simulate(
    { days: 56, seed: 'calibration', out, start: '2025-10-20' },
    { clock: systemClock, log: silent },
  );
  db = await openDuckDb();
  const ae = concatenateFeed(out, 'ae', join(out, 'ae-all.csv'));
  const discharge = concatenateFeed(out, 'discharge', join(out, 'discharge-all.csv'));
  const sitrep = concatenateFeed(out, 'sitrep', join(out, 'sitrep-all.csv'));
  await db.run(`
    CREATE TABLE ae AS
    SELECT EC_Department_Type AS dept, EC_Arrival_Mode AS arrival_mode, EC_Attendance_Source AS source,
           EC_Discharge_Status AS disposal, Age_At_Arrival::INTEGER AS age, LSOA_Code AS lsoa, Site_Code AS site,
           EC_Arrival_Date_Time::TIMESTAMPTZ AS arrived, EC_Departure_Date_Time::TIMESTAMPTZ AS departed,
           EC_Decision_To_Admit_Date_Time::TIMESTAMPTZ AS dta,
           Ambulance_Handover_Date_Time::TIMESTAMPTZ AS handover, Ethnic_Category AS ethnic
    FROM read_csv('${ae}', header = true, all_varchar = true)
    WHERE EC_Departure_Date_Time IS NOT NULL;
    -- Every attendance by its arrival, those still in the department at the end included.
    CREATE TABLE arrival AS
    SELECT DISTINCT EC_Ident AS attendance, EC_Arrival_Date_Time::TIMESTAMPTZ AS arrived
    FROM read_csv('${ae}', header = true, all_varchar = true);
    CREATE TABLE lsoa AS SELECT * FROM read_csv('data/reference/lsoa.synthetic.csv', header = true);
    CREATE TABLE population AS
      SELECT lsoa_code, sum(persons) AS persons FROM read_csv('data/reference/population.synthetic.csv', header = true) GROUP BY 1;
    CREATE TABLE sitrep AS SELECT * FROM read_csv('${sitrep}', header = true);
    CREATE TABLE discharge AS
    SELECT Spell_Id AS spell, max_by(Discharge_Date_Time, file_seq)::TIMESTAMPTZ AS discharged,
           any_value(Discharge_Ready_Date)::DATE AS ready, any_value(Discharge_Pathway)::INTEGER AS pathway,
           any_value(Local_Authority_Code) AS la, any_value(Age_At_Admission)::INTEGER AS age,
           any_value(Admission_Date_Time)::TIMESTAMPTZ AS admitted, count(*) AS records
    FROM read_csv('${discharge}', header = true, all_varchar = true) GROUP BY 1;
  `);
}, 300_000);

afterAll(() => {
  db?.closeSync();
  rmSync(out, { recursive: true, force: true });
});

describe('simulate(): arrivals', () => {
  it('follow the hour of day (late morning ≥ 2.5× the small hours)', async () => {
    const r =
      await one(`SELECT count(*) FILTER (hour(arrived AT TIME ZONE 'Europe/London') BETWEEN 10 AND 12) AS day,
      count(*) FILTER (hour(arrived AT TIME ZONE 'Europe/London') BETWEEN 3 AND 5) AS night FROM ae`);
    expect(num(r.day)).toBeGreaterThan(2.5 * num(r.night));
  });

  it('peak on Mondays (≥ 10% above Sundays)', async () => {
    const r =
      await one(`SELECT count(*) FILTER (isodow(arrived AT TIME ZONE 'Europe/London') = 1) AS mon,
      count(*) FILTER (isodow(arrived AT TIME ZONE 'Europe/London') = 7) AS sun FROM ae`);
    expect(num(r.mon)).toBeGreaterThan(1.1 * num(r.sun));
  });

  it('rise into winter (the last three weeks ≥ 3% above the first three)', async () => {
    const r = await one(`SELECT
      count(*) FILTER (arrived >= '2025-10-20' AND arrived < '2025-11-10') AS autumn,
      count(*) FILTER (arrived >= '2025-11-24' AND arrived < '2025-12-15') AS winter FROM arrival`);
    expect(num(r.winter)).toBeGreaterThan(1.03 * num(r.autumn));
  });

  it('are at least 1.5× as frequent per person in IMD decile 1 as in decile 10, and so are admissions (1.3×)', async () => {
    const byDecile = await rows(
      db,
      `SELECT l.imd_decile AS decile, sum(coalesce(a.n, 0)) / sum(p.persons) AS rate, sum(coalesce(a.adm, 0)) / sum(p.persons) AS admissions
       FROM lsoa l JOIN population p USING (lsoa_code)
       LEFT JOIN (SELECT lsoa, count(*) AS n, count(*) FILTER (disposal = 'ADM') AS adm FROM ae GROUP BY 1) a ON a.lsoa = l.lsoa_code
       WHERE l.ics_code = 'XQA' GROUP BY 1 ORDER BY 1`,
    );
    const d1 = byDecile.find((r) => r.decile === 1)!;
    const d10 = byDecile.find((r) => r.decile === 10)!;
    expect(num(d1.rate)).toBeGreaterThanOrEqual(1.5 * num(d10.rate));
    expect(num(d1.admissions)).toBeGreaterThanOrEqual(1.3 * num(d10.admissions));
  });

  it('carry an ethnic mix that varies by local authority', async () => {
    const shares = await rows(
      db,
      `SELECT l.la_code, avg((a.ethnic NOT IN ('A', 'B', 'C', 'Z', '99'))::INTEGER) AS minority
       FROM ae a JOIN lsoa l ON l.lsoa_code = a.lsoa GROUP BY 1`,
    );
    const values = shares.map((s) => num(s.minority));
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.1);
  });
});

describe('simulate(): the emergency department', () => {
  it('sees 55–65% of type 1 and 70–78% of all attendances within 4 hours', async () => {
    const r = await one(`SELECT
      avg((departed - arrived <= INTERVAL 4 HOUR)::INTEGER) FILTER (dept = '01') AS type1,
      avg((departed - arrived <= INTERVAL 4 HOUR)::INTEGER) AS all_types FROM ae`);
    expect(num(r.type1)).toBeGreaterThanOrEqual(0.55);
    expect(num(r.type1)).toBeLessThanOrEqual(0.65);
    expect(num(r.all_types)).toBeGreaterThanOrEqual(0.7);
    expect(num(r.all_types)).toBeLessThanOrEqual(0.78);
  });

  it('keeps 8–12% of type 1 attendances 12 hours or more from arrival', async () => {
    const r = await one(
      `SELECT avg((departed - arrived > INTERVAL 12 HOUR)::INTEGER) AS share FROM ae WHERE dept = '01'`,
    );
    expect(num(r.share)).toBeGreaterThanOrEqual(0.08);
    expect(num(r.share)).toBeLessThanOrEqual(0.12);
  });

  it('has 20–25% of type 1 arrivals by ambulance', async () => {
    const r = await one(
      `SELECT avg((arrival_mode = 'AMB')::INTEGER) AS share FROM ae WHERE dept = '01'`,
    );
    expect(num(r.share)).toBeGreaterThanOrEqual(0.2);
    expect(num(r.share)).toBeLessThanOrEqual(0.25);
  });

  it('hands ambulance patients over more slowly when the department is crowded', async () => {
    const r = await one(`
      WITH hours AS (
        SELECT DISTINCT site, date_trunc('hour', arrived) AS h FROM ae WHERE arrival_mode = 'AMB' AND dept = '01'),
      census AS (
        SELECT hours.site, hours.h, count(*) AS present FROM hours
        JOIN ae ON ae.site = hours.site AND ae.arrived <= hours.h AND ae.departed > hours.h GROUP BY 1, 2),
      ranked AS (
        SELECT site, h, ntile(4) OVER (PARTITION BY site ORDER BY present) AS quartile FROM census)
      SELECT avg(epoch(a.handover - a.arrived)) FILTER (quartile = 4) AS crowded,
             avg(epoch(a.handover - a.arrived)) FILTER (quartile = 1) AS quiet
      FROM ae a JOIN ranked r ON r.site = a.site AND r.h = date_trunc('hour', a.arrived)
      WHERE a.arrival_mode = 'AMB' AND a.dept = '01'`);
    expect(num(r.crowded)).toBeGreaterThan(1.2 * num(r.quiet));
  });

  it('shows exit block: admitted patients wait longer after the decision when G&A occupancy is over 92%', async () => {
    const r = await one(`
      SELECT avg(epoch(a.departed - a.dta)) FILTER (s.Beds_Occupied / (s.Core_Beds_Available + s.Escalation_Beds_Available) > 0.92) AS high,
             avg(epoch(a.departed - a.dta)) FILTER (s.Beds_Occupied / (s.Core_Beds_Available + s.Escalation_Beds_Available) <= 0.92) AS low
      FROM ae a JOIN sitrep s ON s.Site_Code = a.site AND s.Bed_Type = 'adult_ga'
        AND s.Snapshot_Date = (a.dta AT TIME ZONE 'Europe/London')::DATE
      WHERE a.disposal = 'ADM'`);
    expect(num(r.high)).toBeGreaterThan(1.2 * num(r.low));
  });

  it('books a smaller share of UTC visits online through NHS 111 for older and more deprived people', async () => {
    const r = await one(`
      SELECT avg((source = 'NHS111_ONLINE')::INTEGER) FILTER (age < 30) AS young,
             avg((source = 'NHS111_ONLINE')::INTEGER) FILTER (age >= 65) AS old,
             avg((source = 'NHS111_ONLINE')::INTEGER) FILTER (l.imd_decile <= 2) AS deprived,
             avg((source = 'NHS111_ONLINE')::INTEGER) FILTER (l.imd_decile >= 9) AS affluent
      FROM ae a JOIN lsoa l ON l.lsoa_code = a.lsoa WHERE dept = '03'`);
    expect(num(r.young)).toBeGreaterThan(2 * num(r.old));
    expect(num(r.affluent)).toBeGreaterThan(1.2 * num(r.deprived));
  });
});

describe('simulate(): beds and discharge', () => {
  it('keeps adult G&A occupancy between 88% and 97% on most days', async () => {
    const r = await one(`SELECT avg((o BETWEEN 0.88 AND 0.97)::INTEGER) AS share FROM (
      SELECT Beds_Occupied / (Core_Beds_Available + Escalation_Beds_Available) AS o FROM sitrep WHERE Bed_Type = 'adult_ga')`);
    expect(num(r.share)).toBeGreaterThanOrEqual(0.7);
  });

  it('has patients with no criteria to reside in 10–15% of occupied adult G&A beds', async () => {
    const r = await one(`
      WITH days AS (SELECT DISTINCT Snapshot_Date AS d FROM sitrep WHERE Snapshot_Date >= DATE '2025-10-27')
      SELECT sum(waiting) / sum(occupied) AS share FROM (
        SELECT d,
          (SELECT count(*) FROM discharge WHERE ready < d AND (discharged IS NULL OR (discharged AT TIME ZONE 'Europe/London')::DATE >= d)) AS waiting,
          (SELECT sum(Beds_Occupied) FROM sitrep WHERE Snapshot_Date = d AND Bed_Type = 'adult_ga') AS occupied
        FROM days)`);
    expect(num(r.share)).toBeGreaterThanOrEqual(0.1);
    expect(num(r.share)).toBeLessThanOrEqual(0.15);
  });

  it('discharges near 50% on pathway 0, 45% on 1, 4% on 2 and 1% on 3', async () => {
    const shares = await rows(
      db,
      `SELECT pathway, count(*) / sum(count(*)) OVER () AS share FROM discharge WHERE discharged IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const share = (p: number) => num(shares.find((s) => s.pathway === p)?.share);
    expect(share(0)).toBeGreaterThan(0.45);
    expect(share(0)).toBeLessThan(0.55);
    expect(share(1)).toBeGreaterThan(0.4);
    expect(share(1)).toBeLessThan(0.5);
    expect(share(2)).toBeGreaterThan(0.025);
    expect(share(2)).toBeLessThan(0.055);
    expect(share(3)).toBeGreaterThan(0.004);
    expect(share(3)).toBeLessThan(0.02);
  });

  it('delays discharge longest on pathways 2 and 3, and differently by local authority', async () => {
    const byPathway = await rows(
      db,
      `SELECT pathway, avg((discharged AT TIME ZONE 'Europe/London')::DATE - ready) AS delay
       FROM discharge WHERE discharged IS NOT NULL GROUP BY 1`,
    );
    const delay = (p: number) => num(byPathway.find((s) => s.pathway === p)?.delay);
    expect(Math.min(delay(2), delay(3))).toBeGreaterThan(2 * Math.max(delay(0), delay(1)));
    const byLa = await rows(
      db,
      `SELECT la, avg((discharged AT TIME ZONE 'Europe/London')::DATE - ready) AS delay
       FROM discharge WHERE discharged IS NOT NULL AND pathway >= 1 GROUP BY 1`,
    );
    const delays = byLa.map((r) => num(r.delay));
    expect(delays.length).toBe(4);
    expect(Math.max(...delays)).toBeGreaterThan(1.2 * Math.min(...delays));
  });

  it('discharges on each weekday at NHS England’s rate relative to the week (within 0.08)', async () => {
    // NHS England's daily discharges by trust, by weekday (test/fixtures/simulate): fewest on Sunday.
    const published = 'test/fixtures/simulate/discharges-by-weekday.csv';
    const byWeekday = await rows(
      db,
      `WITH simulated AS (
         SELECT isodow(discharged AT TIME ZONE 'Europe/London') AS iso_weekday, count(*) AS n
         FROM discharge WHERE discharged IS NOT NULL GROUP BY 1)
       SELECT p.iso_weekday, s.n / avg(s.n) OVER () AS simulated,
         p.discharges / avg(p.discharges) OVER () AS published
       FROM read_csv('${published}') p JOIN simulated s USING (iso_weekday) ORDER BY 1`,
    );
    expect(byWeekday).toHaveLength(7);
    for (const day of byWeekday) {
      const gap = Math.abs(num(day.simulated) - num(day.published));
      expect(gap, `weekday ${num(day.iso_weekday)}`).toBeLessThanOrEqual(0.08);
    }
  });

  it('repeats a waiting patient in each daily file until the discharge', async () => {
    const r = await one(
      `SELECT max(records) AS most FROM discharge WHERE ready < (discharged AT TIME ZONE 'Europe/London')::DATE - 3`,
    );
    expect(num(r.most)).toBeGreaterThan(3);
  });

  it('keeps adults in hospital longer as they get older', async () => {
    const los = await rows(
      db,
      `SELECT CASE WHEN age < 40 THEN 0 WHEN age < 65 THEN 1 ELSE 2 END AS band, avg(epoch(discharged - admitted)) AS los
       FROM discharge WHERE discharged IS NOT NULL AND admitted >= '2025-10-20' AND admitted < '2025-11-20' GROUP BY 1 ORDER BY 1`,
    );
    expect(num(los[1]!.los)).toBeGreaterThan(num(los[0]!.los));
    expect(num(los[2]!.los)).toBeGreaterThan(num(los[1]!.los));
  });
});
