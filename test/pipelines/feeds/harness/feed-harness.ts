import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed, FeedLoadResult, Logger } from '../../../../pipelines/feeds/feed.js';
import { openWarehouse, type Warehouse } from '../../../../pipelines/warehouse/open-warehouse.js';

export const testKeyHex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
export const silentLog: Logger = { info() {}, warn() {}, error() {} };

/** A fresh in-memory warehouse with the reference rows the feed tests need. */
export async function openTestWarehouse(): Promise<Warehouse> {
  const warehouse = await openWarehouse(':memory:');
  await warehouse.connection
    .run(`INSERT INTO org (org_code, org_name, org_type, parent_code, trust_code, ics_code) VALUES
    ('R0A', 'Test Trust A', 'trust', 'QXX', 'R0A', 'QXX'),
    ('R0A01', 'Site A1', 'site', 'R0A', 'R0A', 'QXX'),
    ('R0A02', 'Site A2', 'site', 'R0A', 'R0A', 'QXX'),
    ('R1B', 'Test Trust B', 'trust', 'QXX', 'R1B', 'QXX'),
    ('R1B01', 'Site B1', 'site', 'R1B', 'R1B', 'QXX')`);
  await warehouse.connection.run(`INSERT INTO lsoa (lsoa_code, imd_decile, imd_rank) VALUES
    ('E01000001', 1, 100), ('E01000002', 5, 15000), ('E01000003', 10, 32000)`);
  return warehouse;
}

/** Loads `text` as one file through `feed` in its own transaction, like the ingest engine. */
export async function loadText(
  warehouse: Warehouse,
  feed: Feed,
  text: string,
  options: { now?: Date; fileName?: string } = {},
): Promise<FeedLoadResult & { fileId: bigint }> {
  const { connection } = warehouse;
  const now = options.now ?? new Date('2025-06-01T12:00:00Z');
  const reader = await connection.runAndReadAll(
    `INSERT INTO ingest_file (feed, file_name, sha256, bytes, status, received_at)
     VALUES ($1, $2, sha256($3 || nextval('ingest_file_id_seq')), $4, 'loaded', $5::TIMESTAMP)
     RETURNING file_id`,
    [
      feed.name,
      options.fileName ?? 'test.csv',
      text,
      text.length,
      now.toISOString().slice(0, 19).replace('T', ' '),
    ],
  );
  const fileId = BigInt(reader.getRowObjectsJS()[0]!.file_id as bigint);
  const dir = mkdtempSync(join(tmpdir(), 'feed-test-'));
  const textPath = join(dir, 'input.csv');
  writeFileSync(textPath, text);
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await feed.load({
      connection,
      fileId,
      fileName: options.fileName ?? 'test.csv',
      text,
      textPath,
      now,
      pseudonymKeyHex: testKeyHex,
      log: silentLog,
    });
    await connection.run('COMMIT');
    return { ...result, fileId };
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of a query as plain objects (BIGINT as number, TIMESTAMP as ISO text). */
export async function rows(warehouse: Warehouse, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await warehouse.connection.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

/** The published delay reasons the discharge tests use, as published (non-breaking spaces). */
export async function insertDelayReasons(warehouse: Warehouse): Promise<void> {
  await warehouse.connection
    .run(`INSERT INTO delay_reason (reason_code, reason_text, family, pathway) VALUES
    ('HP01', 'Hospital process – Awaiting medical review of need for supported discharge', 'Hospital process', NULL),
    ('CA05', 'Capacity – Home-based rehabilitation, reablement or recovery services not yet available\u00a0(Pathway 1)', 'Capacity', 1),
    ('CA10', 'Capacity – Residential/nursing home care not yet available (Pathway 3)', 'Capacity', 3),
    ('IP07', 'Interface\u00a0process – Out of area discharge arrangements requested but not completed', 'Interface process', NULL)`);
}

/** What a dirty-case folder expects (expected.json). */
export interface ExpectedCase {
  rowsIn: number;
  loaded: number;
  quarantined: number;
  duplicate: number;
  reasons: Record<string, number>;
  lines?: Record<string, number[]>;
  versions?: Record<string, number>;
  history?: number;
}

/** The dirty cases of a feed's fixture folder: sub-folders with input.csv and expected.json. */
export function fixtureCases(feedDir: URL): Array<{ name: string; dir: URL }> {
  return readdirSync(feedDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: entry.name, dir: new URL(`${entry.name}/`, feedDir) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Reads a fixture file as text. */
export function fixtureText(dir: URL, name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}

/** Whether a case folder has the file. */
export function hasFixture(dir: URL, name: string): boolean {
  return existsSync(new URL(name, dir));
}
