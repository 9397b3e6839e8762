import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitAdtMessages } from '../../../../pipelines/feeds/adt/index.js';
import { FeedError } from '../../../../pipelines/feeds/feed.js';
import type { Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import {
  adtMessage,
  loadAdtText,
  nhsNumber,
  openAdtWarehouse,
  rows,
  testKeyHex,
} from './adt-test-kit.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/feeds/adt');
const readFixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const spellColumns = `spell_id, trust_code, site_code, patient_class, status, admitted_at, discharged_at,
  ward_code, bed, age_years, sex, last_event_at`;
const spellSql = `SELECT ${spellColumns} FROM spell ORDER BY spell_id`;
const staySql =
  'SELECT spell_id, ward_code, bed, from_at, to_at FROM ward_stay ORDER BY spell_id, from_at';

/** A seeded shuffle (xorshift), so a failure can be reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let warehouse: Warehouse;
beforeEach(async () => {
  warehouse = await openAdtWarehouse();
});
afterEach(() => warehouse.close());

describe('adtFeed.load(context)', () => {
  it('applies the journey fixture in event order', async () => {
    const expected = JSON.parse(readFixture('journey/expected.json'));
    const result = await loadAdtText(warehouse.connection, readFixture('journey/input.hl7'));
    expect({
      rowsIn: result.rowsIn,
      loaded: result.loaded,
      quarantined: result.quarantined,
      duplicate: result.duplicate,
    }).toEqual(expected.counts);
    expect(result.touched.siteDays.map((k) => `${k.site_code} ${k.day}`).sort()).toEqual(
      expected.siteDays,
    );
    expect(await rows(warehouse.connection, spellSql)).toEqual(expected.spell);
    expect(await rows(warehouse.connection, staySql)).toEqual(expected.ward_stay);
  });

  it('touches the days of every row of the spells a file rebuilds, not only of its own events', async () => {
    const messages = splitAdtMessages(readFixture('journey/input.hl7'));
    // The admission (25 Oct, 22:30 UK time), the transfers and a demographic update (26 Oct).
    await loadAdtText(warehouse.connection, messages.slice(0, 5).join('\r'));
    // Then the discharge alone (29 Oct): the spell's row and ward stays are written again,
    // and the lake partitions and statistics of the days they start on with them.
    const discharge = messages.find((m) => m.includes('EVN|A03|20251029160000'))!;
    const result = await loadAdtText(warehouse.connection, discharge);
    expect(result.loaded).toBe(1);
    expect(result.touched.siteDays.map((k) => `${k.site_code} ${k.day}`).sort()).toEqual([
      'XT101 2025-10-25',
      'XT101 2025-10-26',
      'XT101 2025-10-29',
    ]);
  });

  it('gives the same spells and stays whatever order the messages arrive in, in one file or many', async () => {
    const messages = splitAdtMessages(readFixture('journey/input.hl7'));
    const expected = JSON.parse(readFixture('journey/expected.json'));
    for (const seed of [1, 7, 42, 1234]) {
      const other = await openAdtWarehouse();
      try {
        const order = shuffled(messages, seed);
        await loadAdtText(other.connection, order.slice(0, 4).join('\r'));
        await loadAdtText(other.connection, order.slice(4, 5).join('\r'));
        await loadAdtText(other.connection, order.slice(5).join('\n'));
        expect(await rows(other.connection, spellSql)).toEqual(expected.spell);
        expect(await rows(other.connection, staySql)).toEqual(expected.ward_stay);
      } finally {
        other.close();
      }
    }
    await loadAdtText(warehouse.connection, [...messages].reverse().join('\r'));
    expect(await rows(warehouse.connection, spellSql)).toEqual(expected.spell);
  });

  it('quarantines every fault in the dirty fixture with its reason and loads the rest', async () => {
    const expected = JSON.parse(readFixture('dirty/expected.json'));
    const result = await loadAdtText(warehouse.connection, readFixture('dirty/input.hl7'));
    const { rowsIn, loaded, quarantined, duplicate } = result;
    expect({ rowsIn, loaded, quarantined, duplicate }).toEqual(expected.counts);
    expect(loaded + quarantined + duplicate).toBe(rowsIn);
    expect(
      await rows(
        warehouse.connection,
        'SELECT line_number, reason_code FROM quarantine ORDER BY line_number',
      ),
    ).toEqual(
      expected.quarantine.map((q: { line_number: number; reason_code: string }) => ({
        line_number: BigInt(q.line_number),
        reason_code: q.reason_code,
      })),
    );
    expect(
      await rows(
        warehouse.connection,
        'SELECT spell_id, status, ward_code, bed, admitted_at FROM spell',
      ),
    ).toEqual(expected.spell);
    expect(
      await rows(
        warehouse.connection,
        'SELECT spell_id, ward_code, from_at, to_at FROM ward_stay ORDER BY from_at',
      ),
    ).toEqual(expected.ward_stay);
    const details = await rows(warehouse.connection, 'SELECT detail, raw_text FROM quarantine');
    for (const row of details) expect(String(row.detail).length).toBeGreaterThan(10);
  });

  it('stores pseudonyms, never NHS numbers, in facts, state and quarantine', async () => {
    const text = readFixture('dirty/input.hl7') + readFixture('journey/input.hl7');
    await loadAdtText(warehouse.connection, text);
    const numbers = new Set(text.match(/\d{10}(?=\^\^\^NHS)/g));
    expect(numbers.size).toBeGreaterThan(4);
    const stored = JSON.stringify(
      await rows(
        warehouse.connection,
        `SELECT (SELECT list(b) FROM bed_event b) AS events, (SELECT list(s) FROM spell s) AS spells,
                (SELECT list(q) FROM quarantine q) AS quarantine`,
      ),
      (_key, value) => (typeof value === 'bigint' ? String(value) : value),
    );
    for (const number of numbers) expect(stored).not.toContain(number);
    expect(stored).not.toContain('94347659');
    const [event] = await rows(
      warehouse.connection,
      "SELECT patient_id FROM bed_event WHERE message_control_id = 'J09'",
    );
    const hmac = createHmac('sha256', Buffer.from(testKeyHex, 'hex'))
      .update(nhsNumber(8))
      .digest('hex');
    expect(event!.patient_id).toBe(hmac);
  });

  it('treats a repeated control id as a duplicate, and a second load of the same file changes nothing', async () => {
    const text = readFixture('journey/input.hl7');
    const first = await loadAdtText(warehouse.connection, text);
    const before = {
      events: await rows(
        warehouse.connection,
        'SELECT * EXCLUDE (source_file_id) FROM bed_event ORDER BY 1',
      ),
      spells: await rows(warehouse.connection, spellSql),
      stays: await rows(warehouse.connection, staySql),
    };
    const again = await loadAdtText(warehouse.connection, text);
    expect(again).toMatchObject({
      rowsIn: first.rowsIn,
      loaded: 0,
      quarantined: 0,
      duplicate: first.rowsIn,
    });
    expect(again.touched.siteDays).toEqual([]);
    expect({
      events: await rows(
        warehouse.connection,
        'SELECT * EXCLUDE (source_file_id) FROM bed_event ORDER BY 1',
      ),
      spells: await rows(warehouse.connection, spellSql),
      stays: await rows(warehouse.connection, staySql),
    }).toEqual(before);

    const within = await loadAdtText(
      warehouse.connection,
      [1, 2, 3]
        .map(() =>
          adtMessage({ event: 'A01', id: 'R1', at: '202506011000+0100', ward: 'W1', visit: 'R' }),
        )
        .join('\r'),
    );
    expect(within).toMatchObject({ rowsIn: 3, loaded: 1, duplicate: 2 });
  });

  it('cancels an admission (A11): status cancelled and its stays removed; a new A01 reopens it', async () => {
    const at = (hh: string) => `20250601${hh}00+0000`;
    await loadAdtText(
      warehouse.connection,
      [
        adtMessage({ event: 'A01', id: 'a1', at: at('08'), ward: 'W1', visit: 'S' }),
        adtMessage({ event: 'A02', id: 'a2', at: at('09'), ward: 'W2', visit: 'S' }),
        adtMessage({ event: 'A11', id: 'a3', at: at('10'), visit: 'S' }),
      ].join('\r'),
    );
    expect(
      await rows(warehouse.connection, 'SELECT status, ward_code, admitted_at FROM spell'),
    ).toEqual([{ status: 'cancelled', ward_code: null, admitted_at: null }]);
    expect(await rows(warehouse.connection, staySql)).toEqual([]);
    await loadAdtText(
      warehouse.connection,
      adtMessage({ event: 'A01', id: 'a4', at: at('11'), ward: 'W3', visit: 'S' }),
    );
    expect(await rows(warehouse.connection, 'SELECT status, ward_code FROM spell')).toEqual([
      { status: 'admitted', ward_code: 'W3' },
    ]);
    expect(await rows(warehouse.connection, 'SELECT ward_code, to_at FROM ward_stay')).toEqual([
      { ward_code: 'W3', to_at: null },
    ]);
  });

  it('cancels the latest transfer (A12): back on the prior ward, even when the A12 arrives first', async () => {
    const at = (hh: string) => `20250601${hh}00+0000`;
    const messages = [
      adtMessage({ event: 'A01', id: 'b1', at: at('08'), ward: 'W1', bed: '1', visit: 'T' }),
      adtMessage({ event: 'A02', id: 'b2', at: at('09'), ward: 'W2', bed: '2', visit: 'T' }),
      adtMessage({ event: 'A02', id: 'b3', at: at('10'), ward: 'W3', bed: '3', visit: 'T' }),
      adtMessage({ event: 'A12', id: 'b4', at: at('11'), ward: 'W2', visit: 'T' }),
      adtMessage({ event: 'A12', id: 'b5', at: at('12'), ward: 'W1', visit: 'T' }),
    ];
    await loadAdtText(warehouse.connection, messages[4]!);
    await loadAdtText(warehouse.connection, messages[3]!);
    expect(await rows(warehouse.connection, 'SELECT count(*)::INT AS n FROM spell')).toEqual([
      { n: 0 },
    ]);
    await loadAdtText(warehouse.connection, messages.slice(0, 3).join('\r'));
    expect(await rows(warehouse.connection, 'SELECT status, ward_code, bed FROM spell')).toEqual([
      { status: 'admitted', ward_code: 'W1', bed: '1' },
    ]);
    expect(
      await rows(warehouse.connection, 'SELECT ward_code, from_at, to_at FROM ward_stay'),
    ).toEqual([{ ward_code: 'W1', from_at: '2025-06-01T08:00:00.000Z', to_at: null }]);
  });

  it('cancels a discharge (A13): the patient is back and the last stay reopens', async () => {
    const at = (hh: string) => `20250601${hh}00+0000`;
    await loadAdtText(
      warehouse.connection,
      [
        adtMessage({ event: 'A13', id: 'c3', at: at('12'), visit: 'U' }),
        adtMessage({ event: 'A03', id: 'c2', at: at('11'), visit: 'U', discharge: at('11') }),
        adtMessage({ event: 'A01', id: 'c1', at: at('08'), ward: 'W1', visit: 'U' }),
      ].join('\r'),
    );
    expect(
      await rows(warehouse.connection, 'SELECT status, discharged_at, ward_code FROM spell'),
    ).toEqual([{ status: 'admitted', discharged_at: null, ward_code: 'W1' }]);
    expect(await rows(warehouse.connection, 'SELECT ward_code, to_at FROM ward_stay')).toEqual([
      { ward_code: 'W1', to_at: null },
    ]);
  });

  it('updates demographics and class on A08 without moving the patient', async () => {
    const at = (hh: string) => `20250601${hh}00+0000`;
    await loadAdtText(
      warehouse.connection,
      [
        adtMessage({
          event: 'A01',
          id: 'd1',
          at: at('08'),
          ward: 'W1',
          bed: '4',
          visit: 'W',
          sex: 'U',
          dob: '19800101',
        }),
        adtMessage({
          event: 'A08',
          id: 'd2',
          at: at('09'),
          ward: 'W2',
          bed: '9',
          visit: 'W',
          sex: 'F',
          patientClass: 'E',
          dob: '19900101',
        }),
      ].join('\r'),
    );
    expect(
      await rows(
        warehouse.connection,
        'SELECT ward_code, bed, sex, patient_class, age_years FROM spell',
      ),
    ).toEqual([{ ward_code: 'W1', bed: '4', sex: 'F', patient_class: 'E', age_years: 35 }]);
    expect(await rows(warehouse.connection, 'SELECT ward_code FROM ward_stay')).toEqual([
      { ward_code: 'W1' },
    ]);
  });

  it('quarantines an event on an unknown ward and leaves the spell where it was', async () => {
    const at = (hh: string) => `20250601${hh}00+0000`;
    const result = await loadAdtText(
      warehouse.connection,
      [
        adtMessage({ event: 'A01', id: 'e1', at: at('08'), ward: 'W1', visit: 'X' }),
        adtMessage({ event: 'A02', id: 'e2', at: at('09'), ward: 'C1', visit: 'X' }),
      ].join('\r'),
    );
    expect(result).toMatchObject({ loaded: 1, quarantined: 1 });
    expect(await rows(warehouse.connection, 'SELECT ward_code FROM spell')).toEqual([
      { ward_code: 'W1' },
    ]);
    expect(await rows(warehouse.connection, 'SELECT reason_code, detail FROM quarantine')).toEqual([
      { reason_code: 'unknown_ward', detail: 'PV1-3 ward "C1" is not a ward of site XT101' },
    ]);
  });

  it('keys touched days by the Europe/London day of the event', async () => {
    const result = await loadAdtText(
      warehouse.connection,
      adtMessage({ event: 'A01', id: 'f1', at: '20250601233000+0000', ward: 'W1', visit: 'Y' }),
    );
    expect(result.touched).toEqual({
      siteDays: [{ site_code: 'XT101', day: '2025-06-02' }],
      months: [],
    });
  });

  it('fails a file with no message in it at all with a FeedError', async () => {
    await expect(loadAdtText(warehouse.connection, '\r\n  \r\n')).rejects.toMatchObject({
      code: 'empty_file',
    });
    await expect(loadAdtText(warehouse.connection, 'a,b,c\n1,2,3\n')).rejects.toBeInstanceOf(
      FeedError,
    );
    expect(await rows(warehouse.connection, 'SELECT count(*)::INT AS n FROM quarantine')).toEqual([
      { n: 0 },
    ]);
  });

  it('handles files of many spells the same way (long id lists)', async () => {
    const spells = Array.from({ length: 150 }, (_, i) => `L${i}`);
    const admits = spells.map((visit, i) =>
      adtMessage({ event: 'A01', id: `la${i}`, at: '202506010800+0000', ward: 'W1', visit }),
    );
    const discharges = spells.map((visit, i) =>
      adtMessage({ event: 'A03', id: `ld${i}`, at: '202506021800+0000', visit }),
    );
    expect(await loadAdtText(warehouse.connection, discharges.join('\r'))).toMatchObject({
      loaded: 150,
    });
    const again = await loadAdtText(warehouse.connection, [...admits, ...discharges].join('\r'));
    expect(again).toMatchObject({ rowsIn: 300, loaded: 150, duplicate: 150 });
    expect(
      await rows(
        warehouse.connection,
        'SELECT status, count(*)::INT AS n, count(DISTINCT ward_code)::INT AS wards FROM spell GROUP BY ALL',
      ),
    ).toEqual([{ status: 'discharged', n: 150, wards: 1 }]);
    expect(
      await rows(
        warehouse.connection,
        "SELECT count(*)::INT AS n FROM ward_stay WHERE to_at = '2025-06-02 18:00'",
      ),
    ).toEqual([{ n: 150 }]);
  });
});
