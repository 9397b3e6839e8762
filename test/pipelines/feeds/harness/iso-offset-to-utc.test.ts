import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

// Migration 022's definition, which 080 replaces: the shape checked character by character.
const byCharacters = `CASE
  WHEN v[5] = '-' AND v[8] = '-' AND v[11] = 'T' AND v[14] = ':'
    AND (v[-1] = 'Z' OR v[-6] IN ('+', '-') AND v[-3] = ':')
  THEN make_timestamp(epoch_us(try_cast(v AS TIMESTAMPTZ))) END`;

describe('iso_offset_to_utc(v) (migration 080)', () => {
  let warehouse: Warehouse;
  beforeAll(async () => {
    warehouse = await openWarehouse(':memory:');
  });
  afterAll(() => warehouse.close());

  const compare = async (values: string[]) => {
    const reader = await warehouse.connection.runAndReadAll(
      `SELECT v, CAST(iso_offset_to_utc(v) AS VARCHAR) AS now, CAST(${byCharacters} AS VARCHAR) AS before
       FROM unnest(from_json($1::VARCHAR, '["VARCHAR"]')) t(v)`,
      [JSON.stringify(values)],
    );
    return reader.getRowObjectsJS();
  };

  it('gives UTC for a date-time with an offset and NULL for any other shape', async () => {
    const rows = await compare([
      '2025-07-01T10:15:00+01:00',
      '2025-10-26T01:30:00+01:00',
      '2025-01-01T00:00:00Z',
      '2025-01-01T00:00:00.5-05:30',
      '2025-07-01T10:15:00',
      '2025-07-01 10:15:00+01:00',
      '2025-07-01T10:15:00+0100',
      '2025-02-30T10:15:00+00:00',
      '25-07-01T10:15:00+01:00',
      '',
    ]);
    expect(rows.map((r) => r.now)).toEqual([
      '2025-07-01 09:15:00',
      '2025-10-26 00:30:00',
      '2025-01-01 00:00:00',
      '2025-01-01 05:30:00.5',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    for (const r of rows) expect(r.now).toBe(r.before);
  });

  it('agrees with the character-by-character definition on any text near the shape', async () => {
    const near = fc
      .array(fc.constantFrom(...'0123456789-:+TZ .é'.split('')), { maxLength: 30 })
      .map((chars) => chars.join(''));
    const mutated = fc
      .tuple(fc.nat({ max: 24 }), fc.constantFrom(...'0-:+TZ é'.split('')))
      .map(([at, c]) => {
        const base = '2025-07-01T10:15:00+01:00';
        return base.slice(0, at) + c + base.slice(at + 1);
      });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(near, mutated), { minLength: 1, maxLength: 50 }),
        async (values) => {
          for (const r of await compare(values)) expect(r.now, String(r.v)).toBe(r.before);
        },
      ),
      { numRuns: 60 },
    );
  });
});
