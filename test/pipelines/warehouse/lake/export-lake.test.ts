import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLake, touchedMonths } from '../../../../pipelines/warehouse/lake/index.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

let warehouse: Warehouse;
const rows = async (sql: string) =>
  (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJS();

async function addAttendance(id: string, trust: string, arrivedAt: string): Promise<void> {
  await warehouse.connection.run(
    `INSERT OR REPLACE INTO ae_attendance (attendance_id, trust_code, site_code, department_type, attendance_category,
       arrived_at, arrival_mode, attendance_source, is_booked, ethnic_group, source_file_id, ingested_at)
     VALUES ($1, $2, $2 || '01', '01', '1', $3::TIMESTAMP, 'walk_in', 'self', false, 'White', 1, TIMESTAMP '2025-03-01')`,
    [id, trust, arrivedAt],
  );
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
});
afterAll(() => warehouse.close());

describe('exportLake(connection, lakeDir, scope)', () => {
  it('writes hive partitions by month and provider that read_parquet reads back, and rewrites only changed ones', async () => {
    const lake = join(mkdtempSync(join(tmpdir(), 'lake-')), 'lake');
    await addAttendance('a1', 'RAA', '2025-01-31 23:30:00');
    await addAttendance('a2', 'RAA', '2025-02-01 00:30:00');
    await addAttendance('a3', "R'B", '2025-01-15 12:00:00');
    const first = await exportLake(warehouse.connection, lake, 'all', {
      now: new Date('2025-03-01T00:00:00Z'),
    });
    expect(first.find((r) => r.table === 'ae_attendance')).toEqual({
      table: 'ae_attendance',
      written: 3,
      removed: 0,
      unchanged: 0,
      rows: 3,
    });
    expect(files(join(lake, 'ae_attendance'))).toEqual(
      [
        'month=2025-01/provider=RAA/data.parquet',
        'month=2025-01/provider=R%27B/data.parquet',
        'month=2025-02/provider=RAA/data.parquet',
      ].sort(),
    );
    const glob = join(lake, 'ae_attendance', '**', '*.parquet');
    const back = await rows(
      `SELECT attendance_id, trust_code, month, provider FROM read_parquet('${glob}', hive_partitioning = true) ORDER BY attendance_id`,
    );
    expect(back).toEqual([
      { attendance_id: 'a1', trust_code: 'RAA', month: '2025-01', provider: 'RAA' },
      { attendance_id: 'a2', trust_code: 'RAA', month: '2025-02', provider: 'RAA' },
      { attendance_id: 'a3', trust_code: "R'B", month: '2025-01', provider: "R'B" },
    ]);
    const columns = await rows(
      `SELECT name FROM parquet_schema('${join(lake, 'ae_attendance', 'month=2025-02', 'provider=RAA', 'data.parquet')}')`,
    );
    expect(columns.map((c) => c.name)).not.toContain('month');

    const before = statSync(
      join(lake, 'ae_attendance', 'month=2025-02', 'provider=RAA', 'data.parquet'),
    ).mtimeMs;
    await addAttendance('a4', 'RAA', '2025-01-20 08:00:00');
    const second = await exportLake(warehouse.connection, lake, {
      siteDays: [{ site_code: 'RAA01', day: '2025-01-20' }],
      months: [],
    });
    expect(second.find((r) => r.table === 'ae_attendance')).toMatchObject({
      written: 1,
      unchanged: 1,
      rows: 3,
    });
    expect(
      statSync(join(lake, 'ae_attendance', 'month=2025-02', 'provider=RAA', 'data.parquet'))
        .mtimeMs,
    ).toBe(before);
    expect(await rows(`SELECT count(*) AS n FROM read_parquet('${glob}')`)).toEqual([{ n: 4n }]);

    const idle = await exportLake(warehouse.connection, lake, 'all');
    expect(idle.every((r) => r.written === 0 && r.removed === 0)).toBe(true);

    await warehouse.connection.run("DELETE FROM ae_attendance WHERE attendance_id = 'a3'");
    const third = await exportLake(warehouse.connection, lake, 'all');
    expect(third.find((r) => r.table === 'ae_attendance')).toMatchObject({
      written: 0,
      removed: 1,
    });
    expect(existsSync(join(lake, 'ae_attendance', 'month=2025-01', 'provider=R%27B'))).toBe(false);
    expect(readdirSync(join(lake, '..')).filter((n) => n.startsWith('.lake-scratch'))).toEqual([]);
  });
});

describe('touchedMonths(touched, table)', () => {
  const day = (d: string) => ({ siteDays: [{ site_code: 'XA101', day: d }], months: [] });

  it('names the month of each touched local day', () => {
    expect(touchedMonths(day('2025-10-15'), {})).toEqual(['2025-10']);
    expect(touchedMonths({ siteDays: [], months: ['2025-06-01'] }, {})).toEqual(['2025-06']);
  });

  it('adds the month before for the 1st: a summer-time day starts at 23:00 UTC the day before', () => {
    expect(touchedMonths(day('2025-04-01'), {})).toEqual(['2025-03', '2025-04']);
  });

  it('adds the month of the Monday that starts the week for a weekly table', () => {
    // Thursday 2 October 2025: its week starts on Monday 29 September.
    expect(touchedMonths(day('2025-10-02'), {})).toEqual(['2025-10']);
    expect(touchedMonths(day('2025-10-02'), { weekly: true })).toEqual(['2025-09', '2025-10']);
    // Sunday 5 October: still the week of 29 September.
    expect(touchedMonths(day('2025-10-05'), { weekly: true })).toEqual(['2025-09', '2025-10']);
    // Monday 6 October starts its own week.
    expect(touchedMonths(day('2025-10-06'), { weekly: true })).toEqual(['2025-10']);
  });
});
