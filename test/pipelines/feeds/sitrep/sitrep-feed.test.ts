import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitrepFeed } from '../../../../pipelines/feeds/sitrep/index.js';
import { sitrepReasons } from '../../../../pipelines/feeds/sitrep/reasons.js';
import type { Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { fixtureText, loadText, openTestWarehouse, rows } from '../harness/feed-harness.js';
import { runFixtureCases } from '../harness/run-fixture-cases.js';

const fixtures = new URL('../../../fixtures/feeds/sitrep/', import.meta.url);
const clean = fixtureText(fixtures, 'clean.csv');

describe('sitrepFeed.load(context)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openTestWarehouse();
  });
  afterAll(() => warehouse.close());

  it('loads the clean sample, empty length-of-stay counts as NULL', async () => {
    const result = await loadText(warehouse, sitrepFeed, clean);
    expect(result).toMatchObject({ rowsIn: 5, loaded: 5, quarantined: 0, duplicate: 0 });
    expect(result.touched.siteDays).toEqual([
      { site_code: 'R0A01', day: '2025-06-10' },
      { site_code: 'R0A02', day: '2025-06-10' },
      { site_code: 'R1B01', day: '2025-06-10' },
    ]);
    const [cc] = await rows(
      warehouse,
      "SELECT snapshot_date, core_available, occupied, los_7plus, source_line FROM bed_sitrep WHERE bed_type = 'adult_cc'",
    );
    expect(cc).toEqual({
      snapshot_date: '2025-06-10',
      core_available: 20,
      occupied: 19,
      los_7plus: null,
      source_line: '4',
    });
  });

  it('counts the same file loaded again as duplicates', async () => {
    const result = await loadText(warehouse, sitrepFeed, clean);
    expect(result).toMatchObject({ rowsIn: 5, loaded: 0, quarantined: 0, duplicate: 5 });
  });

  it('replaces a resubmitted row and keeps the earlier one in history', async () => {
    const changed = clean.replace(
      '2025-06-10,R0A,R0A02,adult_ga,120,0,118',
      '2025-06-10,R0A,R0A02,adult_ga,120,4,121',
    );
    const result = await loadText(warehouse, sitrepFeed, changed);
    expect(result).toMatchObject({ rowsIn: 5, loaded: 1, quarantined: 0, duplicate: 4 });
    expect(result.touched.siteDays).toEqual([{ site_code: 'R0A02', day: '2025-06-10' }]);
    const current = await rows(
      warehouse,
      "SELECT occupied, record_version FROM bed_sitrep WHERE site_code = 'R0A02'",
    );
    expect(current).toEqual([{ occupied: 121, record_version: 2 }]);
    const history = await rows(
      warehouse,
      'SELECT occupied, record_version, superseded_by_file_id FROM bed_sitrep_history',
    );
    expect(history).toEqual([
      { occupied: 118, record_version: 1, superseded_by_file_id: String(result.fileId) },
    ]);
  });

  it('has a plain-English text for every reason', () => {
    expect(Object.values(sitrepReasons).every((text) => text.length > 20)).toBe(true);
  });
});

runFixtureCases(sitrepFeed, 'bed_sitrep', "snapshot_date || '/' || site_code || '/' || bed_type");
