import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedName } from '../../../pipelines/feeds/feed.js';
import type { RefreshAllResult } from '../../../pipelines/indicators/index.js';
import { enqueueTouched, refreshQueued } from '../../../pipelines/refresh/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { createWriter, type Writer } from '../../../pipelines/writer/index.js';
import {
  insertAttendances,
  insertBedsAndDischarges,
  insertReference,
} from '../indicators/fixture.js';

// The refresh after a load recomputes the site-days the load touched and widens them only as
// far as the facts of the feed that touched them reach (scope-touched-site-days.sql): to
// re-attendance from A&E site-days, to no-criteria-to-reside stock from discharge ones. The
// count is the refresh's own (RefreshIndicatorsResult.siteDays: the rows of the scope query).

const quiet = { info() {}, warn() {}, error() {} };
const now = new Date('2025-11-04T12:00:00Z');
let warehouse: Warehouse;
let writer: Writer;
let tmpDir: string;
const refreshes: RefreshAllResult[] = [];

/** One spell at RZA01: admitted on 22 October, discharged on 25 October. */
const adtBatch = [
  'MSH|^~\\&|PAS|RZA01|OBSERVATORY|ICS|20251022100000+0100||ADT^A01^ADT_A01|T01|P|2.4',
  'EVN|A01|20251022100000+0100||||20251022100000+0100',
  'PID|1||4000000098^^^NHS^NH||DOE^ALEX||19520304|F',
  'PV1|1|I|RZA01-W1^^B01^RZA01||||||||||||||||SP-T1|||||||||||||||||||||||||20251022100000+0100',
  'MSH|^~\\&|PAS|RZA01|OBSERVATORY|ICS|20251025120000+0100||ADT^A03^ADT_A01|T02|P|2.4',
  'EVN|A03|20251025120000+0100||||20251025120000+0100',
  'PID|1||4000000098^^^NHS^NH||DOE^ALEX||19520304|F',
  'PV1|1|I|RZA01-W1^^B01^RZA01||||||||||||||||SP-T1|||||||||||||||||||||||||20251022100000+0100|20251025120000+0100',
].join('\r');
const batchSiteDays = [
  { site_code: 'RZA01', day: '2025-10-22' },
  { site_code: 'RZA01', day: '2025-10-25' },
];

/**
 * Queues the batch's site-days as a file of `feed` would (null: no feed known), refreshes, and
 * gives the refresh's indicator counts.
 */
async function refreshAs(feed: FeedName | null): Promise<RefreshAllResult['indicators']> {
  await enqueueTouched(
    warehouse.connection,
    null,
    feed,
    { siteDays: batchSiteDays, months: [] },
    now,
  );
  await writer.refresh();
  return refreshes[refreshes.length - 1].indicators;
}

/** The site-days the refresh recomputed (the rows of the scope query). */
const scopeOf = async (feed: FeedName | null) => (await refreshAs(feed)).siteDays;

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  const db = warehouse.connection;
  await insertReference(db);
  await insertAttendances(db, { firstDay: '2025-10-20', days: 14, perDay: 40, seed: 1 });
  await insertBedsAndDischarges(db, { firstDay: '2025-10-20', days: 14, seed: 2 });
  tmpDir = mkdtempSync(join(tmpdir(), 'scope-touched-'));
  writer = await createWriter({
    warehouse,
    log: quiet,
    now: () => now,
    pseudonymKeyHex: '5c'.repeat(32),
    tmpDir,
    refresh: async (connection, effects) => {
      const result = await refreshQueued(connection, effects);
      if (result) refreshes.push(result);
      return result;
    },
  });
  await writer.rebuild();
});

afterAll(async () => {
  await writer.close();
  warehouse.close();
  rmSync(tmpDir, { recursive: true, force: true });
});

describe('scope-touched-site-days.sql', () => {
  it('recomputes only the site-days an ADT batch touched', async () => {
    const loaded = await writer.ingest('adt', 'RZA01-20251025T12.hl7', Buffer.from(adtBatch));
    expect(loaded.loaded).toBe(2);
    await writer.refresh();
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].indicators.siteDays).toBe(batchSiteDays.length);
  });

  it('rewrites no indicator value for an admission and transfer (no discharge, so no length of stay)', async () => {
    const batch = [
      'MSH|^~\\&|PAS|RZA01|OBSERVATORY|ICS|20251028090000+0000||ADT^A01^ADT_A01|T03|P|2.4',
      'EVN|A01|20251028090000+0000||||20251028090000+0000',
      'PID|1||4000000098^^^NHS^NH||DOE^ALEX||19520304|F',
      'PV1|1|I|RZA01-W1^^B02^RZA01||||||||||||||||SP-T2|||||||||||||||||||||||||20251028090000+0000',
      'MSH|^~\\&|PAS|RZA01|OBSERVATORY|ICS|20251028110000+0000||ADT^A02^ADT_A01|T04|P|2.4',
      'EVN|A02|20251028110000+0000||||20251028110000+0000',
      'PID|1||4000000098^^^NHS^NH||DOE^ALEX||19520304|F',
      'PV1|1|I|RZA01-W2^^B03^RZA01|||RZA01-W1^^^RZA01|||||||||||||SP-T2|||||||||||||||||||||||||20251028090000+0000',
    ].join('\r');
    const loaded = await writer.ingest('adt', 'RZA01-20251028T11.hl7', Buffer.from(batch));
    expect(loaded.loaded).toBe(2);
    await writer.refresh();
    const { siteDays, keys, rows } = refreshes[refreshes.length - 1].indicators;
    expect({ siteDays, keys, rows }).toEqual({ siteDays: 1, keys: 0, rows: 0 });
  });

  it('rewrites the values above A&E site-days whose statistics come out the same (percentiles)', async () => {
    expect((await refreshAs('ae')).keys).toBeGreaterThan(0);
    expect((await refreshAs('discharge')).keys).toBe(0);
  });

  it('widens the same site-days, their feed not known, to re-attendance and stock as before', async () => {
    // RZA01's discharge span runs to November, and patients of 22 and 25 October come back.
    expect(await scopeOf(null)).toBeGreaterThan(batchSiteDays.length + 10);
  });

  it('widens A&E site-days to re-attendance only, discharge ones to stock only', async () => {
    const unknown = await scopeOf(null);
    const byFeed = {
      adt: await scopeOf('adt'),
      sitrep: await scopeOf('sitrep'),
      ae: await scopeOf('ae'),
      discharge: await scopeOf('discharge'),
    };
    expect(byFeed.adt).toBe(batchSiteDays.length);
    expect(byFeed.sitrep).toBe(batchSiteDays.length);
    for (const feed of ['ae', 'discharge'] as const) {
      expect(byFeed[feed], feed).toBeGreaterThan(batchSiteDays.length);
      expect(byFeed[feed], feed).toBeLessThan(unknown);
    }
  });
});
