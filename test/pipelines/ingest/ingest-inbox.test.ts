import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  feedFromPath,
  feedStatus,
  ingestFile,
  ingestInbox,
  type IngestEffects,
} from '../../../pipelines/ingest/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { testFactSql, testFeed } from './test-feed.js';

let warehouse: Warehouse;
let effects: IngestEffects;
const silent = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(testFactSql);
  effects = {
    connection: warehouse.connection,
    now: () => new Date('2025-06-01T09:00:00Z'),
    log: silent,
    pseudonymKeyHex: '11'.repeat(32),
    tmpDir: mkdtempSync(join(tmpdir(), 'inbox-tmp-')),
    feeds: { ae: testFeed('ae'), sitrep: testFeed('sitrep') },
  };
});
afterAll(() => warehouse.close());

describe('ingestInbox(inboxDir, effects, options)', () => {
  it('loads each feed folder oldest name first, moves files aside, and lets a failed file block nothing', async () => {
    const inbox = mkdtempSync(join(tmpdir(), 'inbox-'));
    mkdirSync(join(inbox, 'ae'));
    mkdirSync(join(inbox, 'sitrep'));
    writeFileSync(join(inbox, 'ae', '002.csv'), 'id,value,nhs\n1,2,9434765919\n');
    writeFileSync(join(inbox, 'ae', '001.csv'), 'id,value,nhs\n1,1,9434765919\n2,1,9434765919\n');
    writeFileSync(join(inbox, 'ae', '003.csv'), '');
    writeFileSync(join(inbox, 'ae', '004.csv.part'), 'id,value,nhs\n9,9,9434765919\n');
    writeFileSync(join(inbox, 'ae', '.hidden'), 'x');
    writeFileSync(join(inbox, 'sitrep', 's.csv'), 'id,value,nhs\n100,1,4010232137\n');
    const results = await ingestInbox(inbox, effects);
    expect(results.map((r) => [r.feed, r.fileName, r.status])).toEqual([
      ['ae', '001.csv', 'loaded'],
      ['ae', '002.csv', 'loaded'],
      ['ae', '003.csv', 'failed'],
      ['sitrep', 's.csv', 'loaded'],
    ]);
    expect(readdirSync(join(inbox, '.done', 'ae')).sort()).toEqual(['001.csv', '002.csv']);
    expect(readdirSync(join(inbox, '.failed', 'ae'))).toEqual(['003.csv']);
    expect(readdirSync(join(inbox, 'ae')).sort()).toEqual(['.hidden', '004.csv.part']);
    const facts = (
      await warehouse.connection.runAndReadAll('SELECT id, value FROM test_fact ORDER BY id')
    ).getRowObjectsJS();
    expect(facts).toEqual([
      { id: 1n, value: 2 },
      { id: 2n, value: 1 },
      { id: 100n, value: 1 },
    ]);

    writeFileSync(join(inbox, 'ae', 'again.csv'), 'id,value,nhs\n1,1,9434765919\n2,1,9434765919\n');
    const again = await ingestInbox(inbox, effects, { feeds: ['ae'] });
    expect(again.map((r) => r.status)).toEqual(['skipped_duplicate_file']);
    expect(existsSync(join(inbox, '.done', 'ae', 'again.csv'))).toBe(true);

    const status = await feedStatus(warehouse.connection);
    const ae = status.feeds.find((f) => f.feed === 'ae')!;
    expect(ae).toMatchObject({ files_loaded: 2, files_failed: 1, rows_in: 3, rows_loaded: 3 });
    expect(status.failed_files).toEqual([
      expect.objectContaining({ feed: 'ae', file_name: '003.csv', error_code: 'empty_file' }),
    ]);
    expect(status.data_version).toBe(3);
  });
});

describe('ingestFile(path, feed, effects) and feedFromPath(path)', () => {
  it('takes the feed from the folder name, or refuses with the feed names', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'f-')), 'ae');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.csv'), 'id,value,nhs\n7,7,9434765919\n');
    expect(feedFromPath(join(dir, 'x.csv'))).toBe('ae');
    expect((await ingestFile(join(dir, 'x.csv'), undefined, effects)).status).toBe('loaded');
    expect(() => feedFromPath('/tmp/elsewhere/x.csv')).toThrow(
      /folder named ae, adt, sitrep, discharge, ae-monthly, or give --feed/,
    );
  });
});
