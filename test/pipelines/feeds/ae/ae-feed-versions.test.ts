import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aeColumns } from '../../../../pipelines/feeds/ae/format.js';
import { aeFeed } from '../../../../pipelines/feeds/ae/index.js';
import { loadText, openTestWarehouse, rows } from '../harness/feed-harness.js';

const header = aeColumns.join(',');
const line = (id: number, age: number) =>
  `AE${id},R0A,R0A01,01,1,2025-06-10T09:00:00+01:00,WALK,SELF,N,3,,,,,2025-06-10T12:00:00+01:00,DIS,${age},1,A,E01000002,4010232137`;
const file = (lines: string[]) => [header, ...lines, ''].join('\n');

describe('aeFeed.load(context) over generated files', () => {
  it('counts a reload as all duplicate and a corrected file as one new version per changed row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        async (ids, changed) => {
          const warehouse = await openTestWarehouse();
          try {
            const first = file(ids.map((id) => line(id, 30)));
            const loaded = await loadText(warehouse, aeFeed, first);
            expect(loaded).toMatchObject({ rowsIn: ids.length, loaded: ids.length, duplicate: 0 });
            const again = await loadText(warehouse, aeFeed, first);
            expect(again).toMatchObject({ rowsIn: ids.length, loaded: 0, duplicate: ids.length });
            const corrected = file(ids.map((id, i) => line(id, changed[i] ? 31 : 30)));
            const result = await loadText(warehouse, aeFeed, corrected);
            const changes = ids.filter((_, i) => changed[i]).length;
            expect(result).toMatchObject({
              rowsIn: ids.length,
              loaded: changes,
              quarantined: 0,
              duplicate: ids.length - changes,
            });
            const [counts] = await rows(
              warehouse,
              `SELECT (SELECT count(*) FROM ae_attendance)::INTEGER AS facts,
                 (SELECT count(*) FROM ae_attendance WHERE record_version = 2 AND age_years = 31)::INTEGER AS v2,
                 (SELECT count(*) FROM ae_attendance_history WHERE age_years = 30 AND record_version = 1
                    AND superseded_by_file_id = ${result.fileId})::INTEGER AS history`,
            );
            expect(counts).toEqual({ facts: ids.length, v2: changes, history: changes });
          } finally {
            warehouse.close();
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('keeps every version of a key repeated with changes in one file', async () => {
    const warehouse = await openTestWarehouse();
    try {
      const result = await loadText(
        warehouse,
        aeFeed,
        file([line(1, 30), line(1, 31), line(1, 31), line(1, 32), line(2, 50)]),
      );
      expect(result).toMatchObject({ rowsIn: 5, loaded: 4, quarantined: 0, duplicate: 1 });
      const facts = await rows(
        warehouse,
        'SELECT attendance_id, age_years, record_version, source_line FROM ae_attendance ORDER BY 1',
      );
      expect(facts).toEqual([
        { attendance_id: 'AE1', age_years: 32, record_version: 3, source_line: '5' },
        { attendance_id: 'AE2', age_years: 50, record_version: 1, source_line: '6' },
      ]);
      const history = await rows(
        warehouse,
        'SELECT age_years, record_version, source_line FROM ae_attendance_history ORDER BY record_version',
      );
      expect(history).toEqual([
        { age_years: 30, record_version: 1, source_line: '2' },
        { age_years: 31, record_version: 2, source_line: '3' },
      ]);
    } finally {
      warehouse.close();
    }
  });
});
