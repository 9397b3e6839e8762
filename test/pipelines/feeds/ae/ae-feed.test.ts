import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aeFeed } from '../../../../pipelines/feeds/ae/index.js';
import { aeColumns } from '../../../../pipelines/feeds/ae/format.js';
import { aeReasons } from '../../../../pipelines/feeds/ae/reasons.js';
import { FeedError } from '../../../../pipelines/feeds/feed.js';
import type { Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import {
  fixtureText,
  loadText,
  openTestWarehouse,
  rows,
  testKeyHex,
} from '../harness/feed-harness.js';
import { runFixtureCases } from '../harness/run-fixture-cases.js';

const fixtures = new URL('../../../fixtures/feeds/ae/', import.meta.url);
const clean = fixtureText(fixtures, 'clean.csv');
const header = aeColumns.join(',');
const hmac = (nhs: string) =>
  createHmac('sha256', Buffer.from(testKeyHex, 'hex')).update(nhs).digest('hex');

describe('aeFeed.load(context)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openTestWarehouse();
  });
  afterAll(() => warehouse.close());

  it('loads the clean sample with UTC times, groups, deprivation and pseudonyms', async () => {
    const result = await loadText(warehouse, aeFeed, clean);
    expect(result).toMatchObject({ rowsIn: 4, loaded: 4, quarantined: 0, duplicate: 0 });
    const loaded = await rows(
      warehouse,
      `SELECT attendance_id, arrived_at, departed_at, wait_minutes, handover_minutes, arrival_mode,
         attendance_source, is_booked, disposal, sex, ethnic_group, imd_decile, patient_id, source_line
       FROM ae_attendance ORDER BY attendance_id`,
    );
    expect(loaded[0]).toMatchObject({
      attendance_id: 'AE0001',
      arrived_at: '2025-03-30 00:40:00',
      departed_at: '2025-03-30 05:15:00',
      wait_minutes: 275,
      handover_minutes: 25,
      arrival_mode: 'ambulance',
      disposal: 'admitted',
      sex: 'F',
      ethnic_group: 'White',
      imd_decile: 1,
      patient_id: hmac('9434765919'),
      source_line: '2',
    });
    // 01:30+01:00 and 01:10+00:00 on the day the clocks go back are 40 minutes apart.
    expect(loaded[2]).toMatchObject({
      arrived_at: '2025-10-26 00:30:00',
      departed_at: '2025-10-26 01:50:00',
      wait_minutes: 80,
      is_booked: true,
      attendance_source: 'nhs111_online',
      imd_decile: null,
      ethnic_group: 'Unknown',
      patient_id: null,
    });
    expect(loaded[3]).toMatchObject({
      departed_at: null,
      wait_minutes: null,
      disposal: null,
      sex: 'U',
    });
    expect(loaded[1]!.patient_id).toBe(hmac('4010232137'));
    expect(result.touched.siteDays).toEqual([
      { site_code: 'R0A01', day: '2025-03-30' },
      { site_code: 'R0A02', day: '2025-10-26' },
      { site_code: 'R1B01', day: '2025-10-26' },
    ]);
  });

  it('counts the same file loaded again as duplicates and changes nothing', async () => {
    const before = await rows(warehouse, 'SELECT * FROM ae_attendance ORDER BY attendance_id');
    const result = await loadText(warehouse, aeFeed, clean);
    expect(result).toMatchObject({ rowsIn: 4, loaded: 0, quarantined: 0, duplicate: 4 });
    expect(result.touched.siteDays).toEqual([]);
    expect(await rows(warehouse, 'SELECT * FROM ae_attendance ORDER BY attendance_id')).toEqual(
      before,
    );
  });

  it('replaces an attendance completed later, keeps the old version and touches both days', async () => {
    const [first] = await rows(
      warehouse,
      "SELECT source_file_id FROM ae_attendance WHERE attendance_id = 'AE0004'",
    );
    const completed = clean
      .split('\n')
      .filter((line) => line.startsWith('AE0004'))
      .map((line) =>
        line.replace(
          '2025-10-26T01:50:00+00:00,,,,,61',
          '2025-10-26T01:50:00+00:00,,,2025-10-27T00:10:00+00:00,ADM,61',
        ),
      );
    const result = await loadText(warehouse, aeFeed, [header, ...completed, ''].join('\n'));
    expect(result).toMatchObject({ rowsIn: 1, loaded: 1, quarantined: 0, duplicate: 0 });
    expect(result.touched.siteDays).toEqual([
      { site_code: 'R1B01', day: '2025-10-26' },
      { site_code: 'R1B01', day: '2025-10-27' },
    ]);
    const [now] = await rows(
      warehouse,
      "SELECT departed_at, disposal, record_version, source_file_id FROM ae_attendance WHERE attendance_id = 'AE0004'",
    );
    expect(now).toMatchObject({
      departed_at: '2025-10-27 00:10:00',
      disposal: 'admitted',
      record_version: 2,
      source_file_id: String(result.fileId),
    });
    const history = await rows(
      warehouse,
      "SELECT departed_at, record_version, source_file_id, superseded_by_file_id FROM ae_attendance_history WHERE attendance_id = 'AE0004'",
    );
    expect(history).toEqual([
      {
        departed_at: null,
        record_version: 1,
        source_file_id: first!.source_file_id,
        superseded_by_file_id: String(result.fileId),
      },
    ]);
  });

  it('never stores an NHS number: quarantine text is masked', async () => {
    const text = fixtureText(new URL('invalid-nhs-numbers/', fixtures), 'input.csv');
    await loadText(warehouse, aeFeed, text + 'AE0099,R0A,R0A01,9434765919,4010232137\n');
    const dump = await rows(warehouse, 'SELECT * FROM quarantine');
    const facts = await rows(warehouse, 'SELECT * FROM ae_attendance');
    const all = JSON.stringify([dump, facts]);
    for (const nhs of [
      '9434765918',
      '943476591',
      '94347659X9',
      '943 476 5919',
      '9434765919',
      '4010232137',
    ]) {
      expect(all).not.toContain(nhs);
    }
    expect(dump.some((row) => String(row.raw_text).endsWith(',**********'))).toBe(true);
  });

  it('refuses an empty file and a header that is not the contract', async () => {
    await expect(loadText(warehouse, aeFeed, '')).rejects.toMatchObject({ code: 'empty_file' });
    const renamed = header.replace('EC_Acuity', 'Acuity').replace(',NHS_Number', '');
    const error = await loadText(warehouse, aeFeed, renamed + '\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ code: 'unexpected_header' });
    expect((error as Error).message).toContain('column 10 is "Acuity", expected "EC_Acuity"');
    expect((error as Error).message).toContain('column 21 "NHS_Number" is missing');
  });

  it('loads a header-only file as no rows, and leaves no staging tables behind', async () => {
    const result = await loadText(warehouse, aeFeed, header + '\r\n');
    expect(result).toMatchObject({ rowsIn: 0, loaded: 0, quarantined: 0, duplicate: 0 });
    const temp = await rows(warehouse, 'SELECT table_name FROM duckdb_tables() WHERE temporary');
    expect(temp).toEqual([]);
  });

  it('has a plain-English text for every reason it stores', async () => {
    const codes = await rows(
      warehouse,
      "SELECT DISTINCT reason_code FROM quarantine WHERE feed = 'ae'",
    );
    for (const { reason_code } of codes) expect(Object.keys(aeReasons)).toContain(reason_code);
  });
});

runFixtureCases(aeFeed, 'ae_attendance', 'attendance_id');
