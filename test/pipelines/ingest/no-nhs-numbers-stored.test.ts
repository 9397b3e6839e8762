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
import { ingestInbox, serviceIngestEffects } from '../../../pipelines/ingest/index.js';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../../../pipelines/warehouse/seed-reference.js';

const root = mkdtempSync(join(tmpdir(), 'nhs-scan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('NHS numbers never reach the warehouse, the lake or a log', () => {
  it(
    'scans the .duckdb file, every text column, every lake file and the captured logs after an A&E ingest',
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
      const config = {
        secretsDir: join(data, 'secrets'),
        lakeDir: join(data, 'lake'),
        dataDir: data,
        settings: {},
      };
      // The model refresh reads facts, which hold no NHS number; left out to keep this test fast.
      const effects = {
        ...serviceIngestEffects(config, warehouse.connection, log),
        afterLoad: undefined,
      };
      const results = await ingestInbox(join(data, 'inbox'), effects, { feeds: ['ae'] });
      expect(results.map((r) => r.status)).toEqual(['loaded', 'loaded']);
      expect(results[0]!.loaded).toBeGreaterThan(300);
      expect(results[0]!.quarantined + results[1]!.quarantined).toBeGreaterThan(10);

      const textColumns = (
        await warehouse.connection.runAndReadAll(
          "SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR' AND table_schema = 'main'",
        )
      ).getRowObjectsJS();
      const found: string[] = [];
      for (const { table_name, column_name } of textColumns) {
        const hits = await warehouse.connection.runAndReadAll(
          `SELECT count(*) AS n FROM "${String(table_name)}" WHERE regexp_matches("${String(column_name)}", $1)`,
          [numbers.join('|')],
        );
        if (Number(hits.getRowObjectsJS()[0]!.n) > 0)
          found.push(`${String(table_name)}.${String(column_name)}`);
      }
      expect(found).toEqual([]);
      await warehouse.connection.run('CHECKPOINT');
      warehouse.close();

      const lakeFiles = filesUnder(join(data, 'lake'));
      expect(lakeFiles.some((f) => f.includes('ae_attendance'))).toBe(true);
      const stored = [dbPath, ...lakeFiles].map(
        (file) => [file, readFileSync(file).toString('latin1')] as const,
      );
      const logText = logs.join('\n');
      expect(logText.length).toBeGreaterThan(0);
      for (const number of numbers) {
        for (const [file, bytes] of stored)
          expect(bytes.includes(number), `${number} in ${file}`).toBe(false);
        expect(logText.includes(number), `${number} in the logs`).toBe(false);
      }
    },
  );
});
