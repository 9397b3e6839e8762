import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../../../pipelines/feeds/feed.js';
import { msitaeHeader } from '../../../../pipelines/feeds/ae-monthly/format.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';
import { fixtures, loadAeMonthlyFile, query, seedNationalOrg } from './load-ae-monthly-file.js';

interface Expected {
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicate: number;
  months: string[];
  quarantine: Array<{ line: number; reason_code: string }>;
  unknown_org_codes?: string[];
}

const expected = (name: string, file = 'expected.json') =>
  JSON.parse(readFileSync(join(fixtures, name, file), 'utf8')) as Expected;

let warehouse: Warehouse;
beforeEach(async () => {
  warehouse = await openWarehouse(':memory:');
  await seedNationalOrg(warehouse.connection);
});
afterEach(() => warehouse.close());

describe('aeMonthlyFeed.load(context) on dirty cases', () => {
  it.each(['september-quirks', 'totals-mismatch', 'bad-rows', 'unknown-org', 'nhsr-dirty'])(
    '%s: counts, quarantine reasons and lines as expected',
    async (name) => {
      const want = expected(name);
      const { result, fileId, warnings } = await loadAeMonthlyFile(
        warehouse.connection,
        join(fixtures, name, 'input.csv'),
      );
      expect(result).toEqual({
        rowsIn: want.rowsIn,
        loaded: want.loaded,
        quarantined: want.quarantined,
        duplicate: want.duplicate,
        touched: { siteDays: [], months: want.months },
      });
      expect(result.rowsIn).toBe(result.loaded + result.quarantined + result.duplicate);
      const quarantine = await query(
        warehouse.connection,
        `SELECT line_number::INTEGER AS line, reason_code, detail, raw_text FROM quarantine
         WHERE file_id = $1 ORDER BY line_number`,
        [fileId],
      );
      expect(quarantine.map(({ line, reason_code }) => ({ line, reason_code }))).toEqual(
        want.quarantine,
      );
      const lines = readFileSync(join(fixtures, name, 'input.csv'), 'utf8').split(/\r?\n/);
      for (const q of quarantine) expect(q.raw_text).toBe(lines[Number(q.line) - 1]);
      const [stored] = await query(
        warehouse.connection,
        'SELECT count(*)::INTEGER AS n FROM ae_monthly WHERE source_file_id = $1',
        [fileId],
      );
      if (name !== 'nhsr-dirty') expect(stored!.n).toBe(want.loaded);
      if (want.unknown_org_codes) {
        expect(warnings.map((w) => w.fields?.org_codes)).toEqual([want.unknown_org_codes]);
        const unmapped = await query(
          warehouse.connection,
          'SELECT org_code FROM ae_monthly_unmapped_org',
        );
        expect(unmapped.map((u) => u.org_code)).toEqual(want.unknown_org_codes);
      }
    },
  );

  it('says which totals columns do not add up', async () => {
    const { fileId } = await loadAeMonthlyFile(
      warehouse.connection,
      join(fixtures, 'totals-mismatch', 'input.csv'),
    );
    const [q] = await query(
      warehouse.connection,
      'SELECT detail FROM quarantine WHERE file_id = $1',
      [fileId],
    );
    expect(q!.detail).toMatch(/^att_type1: total \d+, rows sum to \d+$/);
  });

  it('replaces a month when a revised file arrives, keeping the old rows in history', async () => {
    const want = JSON.parse(
      readFileSync(join(fixtures, 'revised-month', 'expected.json'), 'utf8'),
    ) as {
      original: Record<string, number>;
      revised: Record<string, number>;
      replaced: string[];
      history_rows: number;
    };
    const first = await loadAeMonthlyFile(
      warehouse.connection,
      join(fixtures, 'revised-month', 'original.csv'),
    );
    expect(first.result).toMatchObject(want.original);
    const second = await loadAeMonthlyFile(
      warehouse.connection,
      join(fixtures, 'revised-month', 'revised.csv'),
      new Date('2025-09-11T09:30:00Z'),
    );
    expect(second.result).toMatchObject(want.revised);
    expect(second.result.touched.months).toEqual(['2025-06-01']);
    const history = await query(
      warehouse.connection,
      `SELECT org_code, superseded_by_file_id, record_version FROM ae_monthly_history ORDER BY org_code`,
    );
    expect(history.map((h) => h.org_code)).toEqual(want.replaced);
    expect(history.every((h) => BigInt(h.superseded_by_file_id as bigint) === second.fileId)).toBe(
      true,
    );
    const current = await query(
      warehouse.connection,
      `SELECT org_code, record_version, source_file_id FROM ae_monthly ORDER BY org_code`,
    );
    expect(current).toHaveLength(4);
    for (const row of current) {
      const replaced = want.replaced.includes(String(row.org_code));
      expect(row.record_version).toBe(replaced ? 2 : 1);
      expect(row.source_file_id).toBe(replaced ? second.fileId : first.fileId);
    }
    // no double counting: the month's total is the revised file's
    const [eng] = await query(
      warehouse.connection,
      `SELECT m.attendances_all, m.providers,
         (SELECT sum(c::BIGINT) FROM (SELECT unnest([column04, column05, column06, column07, column08, column09]) AS c
            FROM read_csv($1, header = false, skip = 1, all_varchar = true) WHERE column01 <> 'TOTAL')) AS published
       FROM ae_monthly_measures m WHERE m.org_code = 'ENG'`,
      [join(fixtures, 'revised-month', 'revised.csv')],
    );
    expect(eng!.providers).toBe(4n);
    expect(eng!.attendances_all).toBe(eng!.published);
  });

  it('rejects a file whose header differs, naming the column', async () => {
    const want = JSON.parse(
      readFileSync(join(fixtures, 'unknown-header', 'expected.json'), 'utf8'),
    ) as { error_code: string; message_contains: string };
    const attempt = loadAeMonthlyFile(
      warehouse.connection,
      join(fixtures, 'unknown-header', 'input.csv'),
    );
    await expect(attempt).rejects.toBeInstanceOf(FeedError);
    await expect(attempt).rejects.toMatchObject({ code: want.error_code });
    await expect(attempt).rejects.toThrow(want.message_contains);
  });

  it('loads the committed sample with its totals row as a footer', async () => {
    const { result, warnings } = await loadAeMonthlyFile(
      warehouse.connection,
      join(fixtures, 'sample-msitae.csv'),
    );
    expect(result).toMatchObject({ rowsIn: 4, loaded: 4, quarantined: 0, duplicate: 0 });
    expect(warnings).toEqual([]);
  });

  it('counts nothing for a file with a header and no rows, and refuses an empty file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ae-monthly-'));
    writeFileSync(join(dir, 'header-only.csv'), `${msitaeHeader.join(',')}\r\n`);
    const { result } = await loadAeMonthlyFile(warehouse.connection, join(dir, 'header-only.csv'));
    expect(result).toEqual({
      rowsIn: 0,
      loaded: 0,
      quarantined: 0,
      duplicate: 0,
      touched: { siteDays: [], months: [] },
    });
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(
      loadAeMonthlyFile(warehouse.connection, join(dir, 'empty.csv')),
    ).rejects.toMatchObject({
      code: 'empty_file',
    });
  });
});
