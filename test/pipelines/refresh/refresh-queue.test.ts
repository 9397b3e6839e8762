import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearQueue, enqueueTouched, readQueue } from '../../../pipelines/refresh/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';

const now = new Date('2025-11-04T12:00:00Z');
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
});

afterAll(() => warehouse.close());

const key = (site_code: string, day: string) => ({ site_code, day });

describe('readQueue(connection) after enqueueTouched(connection, fileId, feed, …)', () => {
  it('gives each site-day once with the set of feeds that queued it', async () => {
    const db = warehouse.connection;
    await enqueueTouched(db, 1n, 'ae', { siteDays: [key('RZA01', '2025-10-22')], months: [] }, now);
    await enqueueTouched(
      db,
      2n,
      'adt',
      { siteDays: [key('RZA01', '2025-10-22'), key('RZA01', '2025-10-23')], months: [] },
      now,
    );
    await enqueueTouched(db, 3n, 'ae', { siteDays: [key('RZA01', '2025-10-22')], months: [] }, now);
    await enqueueTouched(db, 4n, 'ae-monthly', { siteDays: [], months: ['2025-06-01'] }, now);
    const queued = await readQueue(db);
    expect(queued?.touched).toEqual({
      siteDays: [
        { site_code: 'RZA01', day: '2025-10-22', feeds: ['adt', 'ae'] },
        { site_code: 'RZA01', day: '2025-10-23', feeds: ['adt'] },
      ],
      months: ['2025-06-01'],
    });
    await clearQueue(db, queued!.lastSeq);
  });

  it('gives null feeds to a site-day any of whose keys has no feed (queued before feeds were)', async () => {
    const db = warehouse.connection;
    await enqueueTouched(
      db,
      5n,
      'adt',
      { siteDays: [key('RZB01', '2025-10-24')], months: [] },
      now,
    );
    await db.run(
      `INSERT INTO refresh_queue (file_id, site_code, day, month, queued_at)
       VALUES (6, 'RZB01', DATE '2025-10-24', NULL, TIMESTAMP '2025-11-04 12:00:00')`,
    );
    await enqueueTouched(db, 7n, null, { siteDays: [key('RZB01', '2025-10-25')], months: [] }, now);
    const queued = await readQueue(db);
    expect(queued?.touched.siteDays).toEqual([
      { site_code: 'RZB01', day: '2025-10-24', feeds: null },
      { site_code: 'RZB01', day: '2025-10-25', feeds: null },
    ]);
    await clearQueue(db, queued!.lastSeq);
  });
});
