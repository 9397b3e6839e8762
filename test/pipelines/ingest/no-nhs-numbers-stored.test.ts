import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAeFile } from '../../../bench/ingest-ae-file.js';
import { loadPseudonymKey } from '../../../pipelines/ingest/index.js';
import { createWriter } from '../../../pipelines/writer/index.js';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../../../pipelines/warehouse/seed-reference.js';
import { findStoredNumbers, numbersPattern } from './find-stored-numbers.js';

const root = mkdtempSync(join(tmpdir(), 'nhs-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('NHS numbers never reach the warehouse, the lake or a log', () => {
  it(
    'reads back every column of every table and schema, the lake through read_parquet, other files and the logs after an A&E ingest',
    { timeout: 120_000 },
    async () => {
      const data = join(root, 'data');
      const inbox = join(data, 'inbox', 'ae');
      mkdirSync(inbox, { recursive: true });
      writeAeFile(join(inbox, 'ae-01.csv'), {
        rows: 400,
        seed: 9,
        from: new Date('2025-03-01T00:00:00Z'),
        to: new Date('2025-04-15T00:00:00Z'),
        badShare: 0.05,
      });
      const csv = readFileSync(join(inbox, 'ae-01.csv'), 'utf8').trim().split('\n');
      const numbers = [...new Set(csv.slice(1).map((line) => line.split(',').at(-1)!))];
      // A second file, Windows-1252 with a malformed row carrying a number in free text.
      writeFileSync(
        join(inbox, 'ae-02.csv'),
        Buffer.from(
          `${csv[0]}\n${csv[1]!.replace(/,[^,]*$/, '')},\x80 ${numbers[0]}\nnot,a,row ${numbers[1]}\n`,
          'latin1',
        ),
      );
      expect(numbers.length).toBeGreaterThan(300);

      // The synthetic sites and LSOAs are all the A&E rules need; the rest is large and slow to seed.
      const reference = join(root, 'reference');
      mkdirSync(reference);
      const source = join(import.meta.dirname, '..', '..', '..', 'data', 'reference');
      for (const file of ['org.synthetic.csv', 'lsoa.synthetic.csv'])
        cpSync(join(source, file), join(reference, file));

      const logs: string[] = [];
      const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
        logs.push(
          `${level} ${message} ${JSON.stringify(fields ?? {}, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
        );
      const log = { info: write('info'), warn: write('warn'), error: write('error') };
      const dbPath = join(data, 'observatory.duckdb');
      const warehouse = await openWarehouse(dbPath);
      await seedReference(warehouse.connection, reference);
      // The model refresh reads facts, which hold no NHS number; left out to keep this test fast.
      const writer = await createWriter({
        warehouse,
        log,
        pseudonymKeyHex: loadPseudonymKey({ secretsDir: join(data, 'secrets') }),
        tmpDir: join(data, 'tmp'),
        inboxDir: join(data, 'inbox'),
        lakeDir: join(data, 'lake'),
        lakeAfterRefresh: true,
        refresh: async () => null,
      });
      const results = await writer.pollInbox({ feeds: ['ae'] });
      await writer.refresh();
      await writer.close();
      expect(results.map((r) => r.status)).toEqual(['loaded', 'loaded']);
      expect(results[0]!.loaded).toBeGreaterThan(300);
      expect(results[0]!.quarantined + results[1]!.quarantined).toBeGreaterThan(10);

      // Every column of every type in every table and schema (quarantine included), and the
      // lake read back through read_parquet.
      const scan = await findStoredNumbers(warehouse.connection, numbers, join(data, 'lake'));
      expect(scan.found).toEqual([]);
      const rowsOf = (table: string) =>
        Number(scan.scanned.find((s) => s.startsWith(`${table} (`))?.match(/\((\d+)\)$/)?.[1]);
      expect(rowsOf('main.quarantine')).toBe(results[0]!.quarantined + results[1]!.quarantined);
      expect(rowsOf('main.ae_attendance')).toBeGreaterThan(300);
      const lakeRows = scan.scanned
        .filter((s) => s.startsWith('ae_attendance/'))
        .reduce((sum, s) => sum + Number(s.match(/\((\d+)\)$/)?.[1] ?? 0), 0);
      expect(lakeRows).toBe(rowsOf('main.ae_attendance'));
      await warehouse.connection.run('CHECKPOINT');
      warehouse.close();

      // Whatever else the ingest wrote under the data folder (the database file itself, any
      // log or quarantine file) and the captured log lines, as text.
      const pattern = new RegExp(numbersPattern(numbers));
      const written = filesUnder(data).filter(
        (f) => !f.startsWith(join(data, 'lake')) && !f.startsWith(join(data, 'inbox')),
      );
      expect(written).toContain(dbPath);
      for (const file of written)
        expect(pattern.test(readFileSync(file).toString('latin1')), file).toBe(false);
      const logText = logs.join('\n');
      expect(logText).toMatch(/quarantin/);
      expect(pattern.test(logText), 'a number in the logs').toBe(false);
    },
  );

  it('finds a planted number in any column type, any schema and inside a Parquet file', async () => {
    const numbers = ['9434765919', '4010232137', '9990001112', '1234567881', '5550001119'];
    const lake = join(root, 'planted-lake');
    mkdirSync(join(lake, 'x'), { recursive: true });
    const warehouse = await openWarehouse(':memory:');
    const c = warehouse.connection;
    await c.run('CREATE SCHEMA other');
    await c.run('CREATE TABLE other.ids (n BIGINT, tags VARCHAR[], s STRUCT(v HUGEINT), d DOUBLE)');
    await c.run(
      `INSERT INTO other.ids VALUES (9434765919, NULL, NULL, NULL), (NULL, ['943 401 0232137x', 'a 401 023 2137'], NULL, NULL),
         (NULL, NULL, {'v': 9990001112}, NULL), (NULL, NULL, NULL, 1234567881)`,
    );
    await c.run(
      `COPY (SELECT 'x' AS a, 5550001119::BIGINT AS b FROM range(3)) TO '${join(lake, 'x', 'f.parquet')}' (FORMAT parquet)`,
    );
    const scan = await findStoredNumbers(c, numbers, lake);
    warehouse.close();
    expect(scan.found.sort()).toEqual([
      'other.ids.d',
      'other.ids.n',
      'other.ids.s',
      'other.ids.tags',
      'x/f.parquet b',
    ]);
    expect(scan.scanned).toContain('x/f.parquet (3)');
  });
});
