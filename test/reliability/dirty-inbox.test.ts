import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../pipelines/feeds/feed.js';
import {
  ingestInbox,
  type IngestEffects,
  type IngestResult,
} from '../../pipelines/ingest/index.js';
import { simulate } from '../../pipelines/simulate/index.js';
import { expectedOutcomes, type Delivered, type Fault } from './expected-outcomes.js';
import { openWarehouse, seedReference, type Warehouse } from '../../pipelines/warehouse/index.js';

const referenceDir = new URL('../../data/reference', import.meta.url).pathname;
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const rowFeeds = ['ae', 'adt', 'sitrep', 'discharge'];

let dir: string;
let warehouse: Warehouse;
let effects: IngestEffects;
let manifest: Fault[];
let delivered: Delivered[];
let results: IngestResult[];

async function query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const reader = await warehouse.connection.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['ae_attendance', 'ae_attendance_history', 'bed_event', 'spell', 'ward_stay'];
  const counts: Record<string, number> = {};
  for (const table of [...tables, 'bed_sitrep', 'discharge', 'quarantine', 'ingest_file']) {
    counts[table] = Number((await query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  }
  return counts;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dirty-inbox-'));
  const inbox = join(dir, 'inbox');
  // Two days across the spring clock change, with a fault in 30% of the files.
  simulate(
    { days: 2, seed: 5, out: inbox, dirty: 0.3, start: '2025-03-29', referenceDir },
    { clock: { now: () => new Date('2025-04-01T00:00:00Z') }, log: silent },
  );
  manifest = JSON.parse(readFileSync(join(inbox, 'manifest.dirty.json'), 'utf8')) as Fault[];
  // The bytes as delivered, in the inbox's order (feed by feed, oldest name first).
  delivered = rowFeeds.flatMap((feed) =>
    readdirSync(join(inbox, feed))
      .sort()
      .map((name) => ({ feed, name, bytes: readFileSync(join(inbox, feed, name)) })),
  );
  warehouse = await openWarehouse(join(dir, 'observatory.duckdb'));
  await seedReference(warehouse.connection, referenceDir);
  effects = {
    connection: warehouse.connection,
    now: () => new Date('2025-04-01T00:00:00Z'),
    log: silent,
    pseudonymKeyHex: '5a'.repeat(32),
    tmpDir: join(dir, 'tmp'),
  };
  results = await ingestInbox(inbox, effects);
}, 1_800_000);

afterAll(() => {
  warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the simulator’s dirty inbox, ingested', () => {
  it('injected enough kinds of fault to mean something', () => {
    expect(new Set(manifest.map((f) => f.fault)).size).toBeGreaterThanOrEqual(12);
  });

  it('records each delivered content once, with the status, error, encoding and counts its faults call for', async () => {
    const { ledger: expected } = expectedOutcomes(delivered, manifest);
    const actual = await query(
      `SELECT feed, file_name, status, error_code, encoding, rows_in, rows_loaded, rows_quarantined,
         rows_duplicate FROM ingest_file WHERE feed <> 'ae-monthly' ORDER BY feed, file_name`,
    );
    const byName = (a: { feed: string; file_name: string }, b: typeof a) =>
      a.feed === b.feed ? (a.file_name < b.file_name ? -1 : 1) : a.feed < b.feed ? -1 : 1;
    expect(actual.length).toBeGreaterThan(500);
    expect(
      actual.map((row) => ({
        ...row,
        rows_in: Number(row.rows_in),
        rows_loaded: Number(row.rows_loaded),
        rows_quarantined: Number(row.rows_quarantined),
        rows_duplicate: Number(row.rows_duplicate),
      })),
    ).toEqual([...expected].sort(byName));
  });

  it('fails exactly the empty files, as empty_file, and skips re-delivered bytes', () => {
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => [r.fileName, r.errorCode])).toEqual([
      [expect.stringMatching(/-empty\.csv$/), 'empty_file'],
    ]);
    // Skipped: exactly the files whose bytes the same feed had delivered before.
    const seen = new Set<string>();
    const repeats = delivered
      .filter((f) => {
        const key = `${f.feed}:${createHash('sha256').update(f.bytes).digest('hex')}`;
        const again = seen.has(key);
        seen.add(key);
        return again;
      })
      .map((f) => f.name);
    expect(repeats.length).toBeGreaterThan(5);
    expect(
      results.filter((r) => r.status === 'skipped_duplicate_file').map((r) => r.fileName),
    ).toEqual(repeats);
  });

  it('quarantines every faulty row on its line with the fault’s reason, and no clean row', async () => {
    const { quarantine: expected } = expectedOutcomes(delivered, manifest);
    const actual = await query(
      `SELECT i.file_name, q.line_number, q.reason_code
         FROM quarantine q JOIN ingest_file i USING (file_id) ORDER BY 1, 2`,
    );
    const kinds = new Set(manifest.filter((f) => f.line !== undefined).map((f) => f.fault));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    expect(actual.map((r) => ({ ...r, line_number: Number(r.line_number) }))).toEqual(
      [...expected].sort((a, b) =>
        a.file_name === b.file_name
          ? a.line_number - b.line_number
          : a.file_name < b.file_name
            ? -1
            : 1,
      ),
    );
  });

  it('stores each HL7 message once, however often it was delivered', async () => {
    const [events] = await query(
      `SELECT count(*) AS n, count(DISTINCT message_control_id) AS distinct_ids FROM bed_event`,
    );
    expect(events!.n).toBe(events!.distinct_ids);
    const [ledger] = await query(
      `SELECT sum(rows_duplicate) AS duplicate FROM ingest_file WHERE feed = 'adt'`,
    );
    const repeated = manifest.filter((f) => f.fault === 'repeated_message').length;
    expect(repeated).toBeGreaterThan(0);
    expect(Number(ledger!.duplicate)).toBe(repeated);
  });

  it('decodes Windows-1252 and BOM files, and fails empty files with a reason', async () => {
    const encodings = (file: string) =>
      query(`SELECT encoding, status, error_code FROM ingest_file WHERE file_name = $1`, [file]);
    // A file given a second fault later (e.g. a late record) was rewritten: judge the others.
    const faultsPerFile = new Map<string, number>();
    for (const f of manifest) faultsPerFile.set(f.file, (faultsPerFile.get(f.file) ?? 0) + 1);
    const only = (fault: string) =>
      manifest.filter((f) => f.fault === fault && faultsPerFile.get(f.file) === 1);
    expect(only('windows_1252').length + only('utf8_bom').length).toBeGreaterThan(0);
    for (const fault of only('windows_1252')) {
      expect((await encodings(fault.file))[0]?.encoding, fault.file).toBe('windows-1252');
    }
    for (const fault of only('utf8_bom')) {
      expect((await encodings(fault.file))[0]?.encoding, fault.file).toBe('utf-8-bom');
    }
    const empty = results.filter((r) => r.fileName.endsWith('-empty.csv'));
    expect(empty.length).toBeGreaterThan(0);
    for (const r of empty) {
      // The first empty file fails as empty_file; later ones are the same (empty) bytes.
      expect(['failed', 'skipped_duplicate_file']).toContain(r.status);
    }
    expect(empty.some((r) => r.errorCode === 'empty_file')).toBe(true);
  });

  it('keeps corrections as new versions with the old one in history', async () => {
    const corrections = manifest.filter((f) => f.fault === 'correction' && f.key);
    expect(corrections.length).toBeGreaterThan(0);
    for (const fault of corrections) {
      const [current] = await query(
        `SELECT record_version FROM ae_attendance WHERE attendance_id = $1`,
        [fault.key],
      );
      const [history] = await query(
        `SELECT count(*) AS n FROM ae_attendance_history WHERE attendance_id = $1`,
        [fault.key],
      );
      expect(Number(current!.record_version), fault.key).toBeGreaterThan(1);
      expect(Number(history!.n), fault.key).toBeGreaterThan(0);
    }
  });

  it('changes nothing when the whole inbox is delivered again', async () => {
    const before = await tableCounts();
    const again = join(dir, 'again');
    for (const feed of readdirSync(join(dir, 'inbox', '.done'))) {
      cpSync(join(dir, 'inbox', '.done', feed), join(again, feed), { recursive: true });
    }
    const repeat = await ingestInbox(again, effects);
    expect(repeat.length).toBeGreaterThan(100);
    expect(repeat.every((r) => r.status === 'skipped_duplicate_file')).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });
});
