import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feed, Logger } from '../../../pipelines/feeds/feed.js';
import {
  decodeBytes,
  ingestBytes,
  pseudonymise,
  type IngestEffects,
} from '../../../pipelines/ingest/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { testFactSql, testFeed } from './test-feed.js';

const key = '5e'.repeat(32);
let warehouse: Warehouse;
let effects: IngestEffects;
const logged: string[] = [];

function captureLog(): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    logged.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
  await warehouse.connection.run(testFactSql);
  effects = {
    connection: warehouse.connection,
    now: () => new Date('2025-06-01T09:00:00Z'),
    log: captureLog(),
    pseudonymKeyHex: key,
    tmpDir: mkdtempSync(join(tmpdir(), 'ingest-')),
    feeds: { ae: testFeed('ae') },
  };
});
afterAll(() => warehouse.close());
beforeEach(async () => {
  for (const table of ['test_fact', 'quarantine', 'ingest_file'])
    await warehouse.connection.run(`DELETE FROM ${table}`);
});

const utf8 = (s: string) => new TextEncoder().encode(s);
const rows = async (sql: string) =>
  (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJS();

describe('ingestBytes(feed, fileName, bytes, effects)', () => {
  it('loads good rows, quarantines bad ones with reasons, and reconciles the counts in the ledger', async () => {
    const result = await ingestBytes(
      'ae',
      'a.csv',
      utf8(
        'id,value,nhs\n1,10,9434765919\n2,x,9434765919\n3,30,9434765918\n4,40,4010232137\n4,41,4010232137\n',
      ),
      effects,
    );
    expect(result).toMatchObject({
      status: 'loaded',
      version: 1,
      rowsIn: 5,
      loaded: 2,
      quarantined: 2,
      duplicate: 1,
    });
    const [ledger] = await rows("SELECT * FROM ingest_file WHERE file_name = 'a.csv'");
    expect(ledger).toMatchObject({
      status: 'loaded',
      rows_in: 5n,
      rows_loaded: 2n,
      rows_quarantined: 2n,
      rows_duplicate: 1n,
      encoding: 'utf-8',
    });
    expect(
      await rows('SELECT reason_code, line_number FROM quarantine ORDER BY line_number'),
    ).toEqual([
      { reason_code: 'bad_value', line_number: 3n },
      { reason_code: 'nhs_number_checksum', line_number: 4n },
    ]);
    expect(await rows('SELECT id, value, patient_id FROM test_fact ORDER BY id')).toEqual([
      { id: 1n, value: 10, patient_id: pseudonymise('9434765919', key) },
      { id: 4n, value: 41, patient_id: pseudonymise('4010232137', key) },
    ]);
  });

  it('never loads the same bytes twice, and a changed re-delivery of the name is a new version', async () => {
    const first = await ingestBytes(
      'ae',
      'b.csv',
      utf8('id,value,nhs\n1,10,9434765919\n'),
      effects,
    );
    const again = await ingestBytes(
      'ae',
      'b.csv',
      utf8('id,value,nhs\n1,10,9434765919\n'),
      effects,
    );
    expect(again).toMatchObject({
      status: 'skipped_duplicate_file',
      fileId: first.fileId,
      rowsIn: 1,
      loaded: 1,
    });
    const changed = await ingestBytes(
      'ae',
      'b.csv',
      utf8('id,value,nhs\n1,11,9434765919\n2,20,9434765919\n'),
      effects,
    );
    expect(changed).toMatchObject({
      status: 'loaded',
      version: 2,
      rowsIn: 2,
      loaded: 2,
      duplicate: 0,
    });
    expect(await rows('SELECT count(*) AS n FROM ingest_file')).toEqual([{ n: 2n }]);
    expect(await rows('SELECT id, value FROM test_fact ORDER BY id')).toEqual([
      { id: 1n, value: 11 },
      { id: 2n, value: 20 },
    ]);
  });

  it('decodes a BOM and Windows-1252 bytes to the same text as UTF-8', async () => {
    const bom = await ingestBytes(
      'ae',
      'bom.csv',
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('id,value,nhs\n1,1,9434765919\n')]),
      effects,
    );
    expect(bom).toMatchObject({ status: 'loaded', encoding: 'utf-8-bom', loaded: 1 });
    // 0x80 is € in Windows-1252 and not valid UTF-8: the value cell quarantines, the raw text keeps the euro.
    const cp1252 = await ingestBytes(
      'ae',
      'w.csv',
      new Uint8Array([
        ...utf8('id,value,nhs\n2,'),
        0x80,
        ...utf8('5,9434765919\n3,3,9434765919\n'),
      ]),
      effects,
    );
    expect(cp1252).toMatchObject({
      status: 'loaded',
      encoding: 'windows-1252',
      rowsIn: 2,
      loaded: 1,
      quarantined: 1,
    });
    expect(await rows('SELECT raw_text FROM quarantine')).toEqual([
      { raw_text: '2,€5,nhs-masked' },
    ]);
  });

  it.each([
    ['empty', utf8(''), 'empty_file'],
    ['whitespace only', utf8(' \r\n'), 'empty_file'],
    ['binary', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), 'undecodable'],
    ['a BOM then invalid UTF-8', new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff]), 'undecodable'],
    ['a wrong header', utf8('name,age\nx,1\n'), 'unreadable_header'],
  ])(
    'records a %s file as failed with a specific error code and keeps going',
    async (_label, bytes, code) => {
      const failed = await ingestBytes('ae', 'bad.csv', bytes, effects);
      expect(failed).toMatchObject({ status: 'failed', errorCode: code, rowsIn: 0 });
      expect(failed.errorDetail).toBeTruthy();
      const [ledger] = await rows(
        "SELECT status, error_code FROM ingest_file WHERE file_name = 'bad.csv'",
      );
      expect(ledger).toEqual({ status: 'failed', error_code: code });
      const next = await ingestBytes(
        'ae',
        'good.csv',
        utf8('id,value,nhs\n7,7,9434765919\n'),
        effects,
      );
      expect(next.status).toBe('loaded');
      const repeat = await ingestBytes('ae', 'bad.csv', bytes, effects);
      expect(repeat).toMatchObject({ status: 'skipped_duplicate_file', errorCode: code });
    },
  );

  it('rolls back everything the feed wrote when the feed fails mid-file', async () => {
    const crashing: Feed = {
      name: 'ae',
      async load(context) {
        await context.connection.run("INSERT INTO test_fact VALUES (99, 1, 'p', $1)", [
          context.fileId,
        ]);
        await context.connection.run(
          "INSERT INTO quarantine (file_id, feed, reason_code) VALUES ($1, 'ae', 'x')",
          [context.fileId],
        );
        throw new Error('disk on fire');
      },
    };
    const before = await rows('SELECT version FROM data_version');
    const result = await ingestBytes(crashing, 'c.csv', utf8('id,value,nhs\n'), effects);
    expect(result).toMatchObject({
      status: 'failed',
      errorCode: 'internal_error',
      errorDetail: 'disk on fire',
    });
    expect(await rows('SELECT count(*) AS n FROM test_fact')).toEqual([{ n: 0n }]);
    expect(await rows('SELECT count(*) AS n FROM quarantine')).toEqual([{ n: 0n }]);
    expect(await rows('SELECT version FROM data_version')).toEqual(before);
  });

  it('fails a file loudly when the feed’s counts do not reconcile', async () => {
    const wrong: Feed = {
      name: 'ae',
      load: async () => ({
        rowsIn: 3,
        loaded: 1,
        quarantined: 1,
        duplicate: 0,
        touched: { siteDays: [], months: [] },
      }),
    };
    const result = await ingestBytes(wrong, 'r.csv', utf8('x\n'), effects);
    expect(result).toMatchObject({ status: 'failed', errorCode: 'reconciliation_failed' });
    expect(logged.some((line) => line.startsWith('error') && line.includes('rows_in 3'))).toBe(
      true,
    );
  });

  it('bumps data_version once per loaded file and runs afterLoad inside the transaction', async () => {
    const [{ version: v0 }] = (await rows('SELECT version FROM data_version')) as [
      { version: bigint },
    ];
    const seen: string[] = [];
    const result = await ingestBytes('ae', 'v.csv', utf8('id,value,nhs\n5,5,9434765919\n'), {
      ...effects,
      afterLoad: async (_touched, feed) => {
        seen.push(feed);
        throw new Error('refresh broke');
      },
    });
    expect(seen).toEqual(['ae']);
    expect(result).toMatchObject({ status: 'failed', errorDetail: 'refresh broke' });
    expect(await rows('SELECT count(*) AS n FROM test_fact')).toEqual([{ n: 0n }]);
    const retried = await ingestBytes(
      'ae',
      'v.csv',
      utf8('id,value,nhs\n5,5,9434765919\n'),
      effects,
      { retryFailed: true },
    );
    expect(retried).toMatchObject({ status: 'loaded', loaded: 1, version: 1 });
    expect(await rows('SELECT version FROM data_version')).toEqual([{ version: v0 + 1n }]);
  });

  it('runs concurrent calls on one connection one at a time', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        ingestBytes('ae', `p${n}.csv`, utf8(`id,value,nhs\n${n},${n},9434765919\n`), effects),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
    expect(await rows('SELECT count(*) AS n FROM test_fact')).toEqual([{ n: 4n }]);
  });
});

describe('decodeBytes(bytes)', () => {
  it('decodes every Windows-1252 byte 0x80–0x9F by the WHATWG table', () => {
    const bytes = new Uint8Array([
      0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xa3, 0xe9,
    ]);
    expect(decodeBytes(bytes)).toEqual({ text: '€…‘’“”–—™£é', encoding: 'windows-1252' });
  });

  it('keeps UTF-8 as UTF-8 and drops a BOM', () => {
    expect(decodeBytes(new TextEncoder().encode('£é€'))).toEqual({
      text: '£é€',
      encoding: 'utf-8',
    });
    expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({
      text: 'A',
      encoding: 'utf-8-bom',
    });
  });

  it('decodes UTF-16 with a byte order mark', () => {
    expect(decodeBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xac, 0x20]))).toEqual({
      text: 'A€',
      encoding: 'utf-16le',
    });
  });
});
