import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dischargeFeed } from '../../../../pipelines/feeds/discharge/index.js';
import { delayReasons } from '../../../../pipelines/simulate/delay-reasons.js';
import { normaliseDelayReason } from '../../../../pipelines/warehouse/reference/normalise-delay-reason.js';
import type { Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import {
  fixtureText,
  insertDelayReasons,
  loadText,
  openTestWarehouse,
  rows,
  testKeyHex,
} from '../harness/feed-harness.js';
import { runFixtureCases } from '../harness/run-fixture-cases.js';

const fixtures = new URL('../../../fixtures/feeds/discharge/', import.meta.url);
const clean = fixtureText(fixtures, 'clean.csv');
const hmac = (nhs: string) =>
  createHmac('sha256', Buffer.from(testKeyHex, 'hex')).update(nhs).digest('hex');

describe('dischargeFeed.load(context)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openTestWarehouse();
    await insertDelayReasons(warehouse);
  });
  afterAll(() => warehouse.close());

  it('loads the clean sample: delay reasons matched on their normal form, delay in days', async () => {
    const result = await loadText(warehouse, dischargeFeed, clean);
    expect(result).toMatchObject({ rowsIn: 6, loaded: 6, quarantined: 0, duplicate: 0 });
    const loaded = await rows(
      warehouse,
      `SELECT spell_id, patient_id, ready_date, discharged_at, pathway, delay_reason_code, delay_days, sex
       FROM discharge ORDER BY spell_id`,
    );
    expect(loaded.map((r) => [r.spell_id, r.delay_reason_code, r.delay_days])).toEqual([
      ['SP0001', 'CA05', 4],
      ['SP0002', 'CA10', null],
      ['SP0003', null, 0],
      ['SP0004', 'IP07', 8],
      ['SP0005', 'HP01', 0],
      ['SP0006', 'HP01', null],
    ]);
    expect(loaded[0]).toMatchObject({ patient_id: hmac('9434765919'), pathway: 1, sex: 'F' });
    expect(loaded[1]).toMatchObject({ patient_id: hmac('4010232137'), discharged_at: null });
    // 01:30 UTC on 26 October 2025 is 01:30 GMT, after the clocks went back: the 26th.
    expect(loaded[4]).toMatchObject({
      discharged_at: '2025-10-26 01:30:00',
      ready_date: '2025-10-26',
    });
  });

  it('completes a spell discharged later and counts an unchanged one as duplicate', async () => {
    const later = clean
      .split('\n')
      .filter((line) => /^(Spell_Id|SP0002|SP0003)/.test(line))
      .map((line) =>
        line.startsWith('SP0002')
          ? line.replace('2025-06-05,,3', '2025-06-05,2025-06-12T11:00:00+01:00,3')
          : line,
      )
      .join('\n');
    const result = await loadText(warehouse, dischargeFeed, later + '\n');
    expect(result).toMatchObject({ rowsIn: 2, loaded: 1, quarantined: 0, duplicate: 1 });
    expect(result.touched.siteDays).toEqual([
      { site_code: 'R0A01', day: '2025-06-01' },
      { site_code: 'R0A01', day: '2025-06-05' },
      { site_code: 'R0A01', day: '2025-06-12' },
    ]);
    const [spell] = await rows(
      warehouse,
      "SELECT delay_days, record_version FROM discharge WHERE spell_id = 'SP0002'",
    );
    expect(spell).toEqual({ delay_days: 7, record_version: 2 });
    const history = await rows(
      warehouse,
      "SELECT discharged_at FROM discharge_history WHERE spell_id = 'SP0002'",
    );
    expect(history).toEqual([{ discharged_at: null }]);
  });
});

describe('normalise_delay_reason(s)', () => {
  it('gives the published strings and their hand-typed variants one normal form', async () => {
    // The same normal form as the reference build's normaliseDelayReason (migration 061).
    const warehouse = await openTestWarehouse();
    try {
      const [row] = await rows(
        warehouse,
        `SELECT
          normalise_delay_reason('Interface\u00a0process \u2013 Further action requested by agreed provider') AS a,
          normalise_delay_reason('Interface process - Further  action requested by agreed provider ') AS b,
          normalise_delay_reason('Care transfer hub process\u2013 Awaiting necessary referrals by care transfer hub') AS c,
          normalise_delay_reason('Capacity \u2013 Equipment and associated training not yet delivered (Pathway 1-3)') AS d`,
      );
      expect(row!.a).toBe('Interface process - Further action requested by agreed provider');
      expect(row!.b).toBe(row!.a);
      expect(row!.c).toBe(
        'Care transfer hub process - Awaiting necessary referrals by care transfer hub',
      );
      expect(row!.d).toBe(
        'Capacity - Equipment and associated training not yet delivered (Pathway 1-3)',
      );
    } finally {
      warehouse.close();
    }
  });
});

runFixtureCases(dischargeFeed, 'discharge', 'spell_id');

describe('normalise_delay_reason(s) and normaliseDelayReason(text)', () => {
  it('agree on every delay reason as the simulator writes it', async () => {
    const warehouse = await openTestWarehouse();
    try {
      for (const reason of delayReasons) {
        const reader = await warehouse.connection.runAndReadAll(
          'SELECT normalise_delay_reason($1) AS v',
          [reason],
        );
        expect(reader.getRowObjectsJS()[0]!.v).toBe(normaliseDelayReason(reason));
      }
    } finally {
      warehouse.close();
    }
  });
});
