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
import { openWarehouse, seedReference, type Warehouse } from '../../pipelines/warehouse/index.js';

interface Fault {
  feed: string;
  file: string;
  fault: string;
  line?: number;
  controlId?: string;
  key?: string;
}

const referenceDir = new URL('../../data/reference', import.meta.url).pathname;
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The quarantine reason each line-level fault must get. */
const reasonOf: Record<string, string> = {
  departure_before_arrival: 'departure_before_arrival',
  nhs_number_checksum: 'nhs_number_checksum',
  nhs_number_9_digits: 'nhs_number_format',
  unknown_discharge_status: 'unknown_code',
  unknown_ethnic_category: 'unknown_code',
  unknown_department_type: 'unknown_code',
  unknown_pathway: 'unknown_code',
  unknown_bed_type: 'unknown_code',
  unknown_site: 'unknown_site',
  bad_date: 'invalid_datetime',
  non_numeric_age: 'invalid_number',
  non_numeric_beds: 'invalid_number',
  too_many_columns: 'malformed_row',
  too_few_columns: 'malformed_row',
  truncated_file: 'truncated_row',
};

let dir: string;
let warehouse: Warehouse;
let effects: IngestEffects;
let manifest: Fault[];
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
    { now: () => new Date('2025-04-01T00:00:00Z'), log: silent },
  );
  manifest = JSON.parse(readFileSync(join(inbox, 'manifest.dirty.json'), 'utf8')) as Fault[];
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
}, 600_000);

afterAll(() => {
  warehouse?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the simulator’s dirty inbox, ingested', () => {
  it('injected enough kinds of fault to mean something', () => {
    expect(new Set(manifest.map((f) => f.fault)).size).toBeGreaterThanOrEqual(12);
  });

  it('reconciles every loaded file: rows in = loaded + quarantined + duplicate', async () => {
    const files = await query(
      `SELECT file_name, rows_in, rows_loaded, rows_quarantined, rows_duplicate FROM ingest_file WHERE status = 'loaded'`,
    );
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      expect(Number(f.rows_in), String(f.file_name)).toBe(
        Number(f.rows_loaded) + Number(f.rows_quarantined) + Number(f.rows_duplicate),
      );
    }
  });

  it('quarantines every row-level fault with the right reason, on its line', async () => {
    const lineFaults = manifest.filter((f) => f.line !== undefined && f.fault in reasonOf);
    expect(lineFaults.length).toBeGreaterThan(20);
    for (const fault of lineFaults) {
      const reasons = await query(
        `SELECT q.reason_code FROM quarantine q JOIN ingest_file i USING (file_id)
         WHERE i.file_name = $1 AND q.line_number = $2`,
        [fault.file, fault.line],
      );
      expect(
        reasons.map((r) => r.reason_code),
        `${fault.fault} in ${fault.file} line ${fault.line}`,
      ).toContain(reasonOf[fault.fault]);
    }
  });

  it('counts repeated rows and messages as duplicates, never twice', async () => {
    for (const fault of manifest.filter((f) => f.fault === 'duplicate_row')) {
      const [file] = await query(`SELECT rows_duplicate FROM ingest_file WHERE file_name = $1`, [
        fault.file,
      ]);
      expect(Number(file!.rows_duplicate), fault.file).toBeGreaterThan(0);
    }
    const [events] = await query(
      `SELECT count(*) AS n, count(DISTINCT message_control_id) AS distinct_ids FROM bed_event`,
    );
    expect(events!.n).toBe(events!.distinct_ids);
    const repeated = manifest.filter((f) => f.fault === 'repeated_message');
    expect(repeated.length).toBeGreaterThan(0);
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
