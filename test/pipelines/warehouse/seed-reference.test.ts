import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { ReferenceFileError, seedReference } from '../../../pipelines/warehouse/seed-reference.js';

const reference = new URL('../../../data/reference/', import.meta.url).pathname;
const nationalFiles = ['org.national.csv', 'lsoa.national.csv', 'esp2013.csv', 'delay_reason.csv'];

let warehouse: Warehouse;
let dir: string;

beforeEach(async () => {
  warehouse = await openWarehouse(':memory:');
  dir = mkdtempSync(join(tmpdir(), 'seed-reference-'));
  for (const file of nationalFiles) copyFileSync(join(reference, file), join(dir, file));
});
afterEach(() => {
  warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS()[0] as Record<string, unknown>;
}

describe('seedReference(connection, referenceDir)', () => {
  it('loads the national layer: ENG, 7 regions, 42 ICBs, 32,844 LSOAs, 19 ESP bands, 37 delay reasons', async () => {
    const result = await seedReference(warehouse.connection, dir);
    expect(result.changed).toBe(true);
    expect(result.tables).toMatchObject({ lsoa: 32_844, esp2013: 19, delay_reason: 37 });
    const levels = await one(
      warehouse.connection,
      `SELECT count(*) FILTER (WHERE org_type = 'england') AS eng,
              count(*) FILTER (WHERE org_type = 'region') AS regions,
              count(*) FILTER (WHERE org_type = 'ics') AS icbs,
              count(*) FILTER (WHERE org_type = 'trust' AND (ics_code IS NULL OR region_code IS NULL)) AS unplaced
       FROM org`,
    );
    expect(levels).toEqual({ eng: 1n, regions: 7n, icbs: 42n, unplaced: 0n });
    const weights = await one(warehouse.connection, 'SELECT sum(weight) AS total FROM esp2013');
    expect(weights.total).toBe(100_000n);
  });

  it('is idempotent: unchanged files are not reloaded', async () => {
    await seedReference(warehouse.connection, dir);
    const loadedAt = await one(
      warehouse.connection,
      'SELECT list(loaded_at ORDER BY file_name) AS at FROM reference_file',
    );
    const again = await seedReference(warehouse.connection, dir);
    expect(again.changed).toBe(false);
    expect(again.tables.lsoa).toBe(32_844);
    expect(
      await one(
        warehouse.connection,
        'SELECT list(loaded_at ORDER BY file_name) AS at FROM reference_file',
      ),
    ).toEqual(loadedAt);
    const files = await one(warehouse.connection, 'SELECT count(*) AS n FROM reference_file');
    expect(files.n).toBe(4n);
  });

  it('upserts a synthetic part over the national rows, and reloads when a file changes or goes', async () => {
    await seedReference(warehouse.connection, dir);
    writeFileSync(
      join(dir, 'lsoa.synthetic.csv'),
      'lsoa_code,lsoa_vintage,imd_decile,imd_rank,la_code,ics_code\n' +
        'E01000001,2011,9,29199,E0699101,XQA\n' +
        'E01999999,2021,1,1,E0699101,XQA\n',
    );
    const result = await seedReference(warehouse.connection, dir);
    expect(result.changed).toBe(true);
    expect(result.tables.lsoa).toBe(32_845);
    const row = await one(
      warehouse.connection,
      "SELECT la_code, ics_code, imd_decile FROM lsoa WHERE lsoa_code = 'E01000001'",
    );
    expect(row).toEqual({ la_code: 'E0699101', ics_code: 'XQA', imd_decile: 9 });
    rmSync(join(dir, 'lsoa.synthetic.csv'));
    const removed = await seedReference(warehouse.connection, dir);
    expect(removed.changed).toBe(true);
    expect(removed.tables.lsoa).toBe(32_844);
    const national = await one(
      warehouse.connection,
      "SELECT la_code FROM lsoa WHERE lsoa_code = 'E01000001'",
    );
    expect(national.la_code).toBeNull();
  });

  it.each([
    [
      'a decile out of range',
      'E01000001,2011,11,29199,,\n',
      /lsoa\.national\.csv, line 3: fails CHECK/,
    ],
    [
      'a rank that is not a number',
      'E01000001,2011,9,first,,\n',
      /lsoa\.national\.csv, line 3: CAST/,
    ],
    [
      'a missing decile',
      'E01000001,2011,,29199,,\n',
      /lsoa\.national\.csv, line 3: imd_decile is empty/,
    ],
    [
      'a repeated key',
      'E01000002,2011,9,29199,,\n',
      /lsoa\.national\.csv, line 3: repeats the key \(lsoa_code\) of line 2/,
    ],
    [
      'too many fields',
      'E01000001,2011,9,29199,,,x\n',
      /lsoa\.national\.csv, line 3: TOO MANY COLUMNS/,
    ],
  ])(
    'names the file and line of %s, and leaves the warehouse unchanged',
    async (_, badLine, message) => {
      await seedReference(warehouse.connection, dir);
      const before = await one(
        warehouse.connection,
        'SELECT count(*) AS n, sum(imd_rank) AS s FROM lsoa',
      );
      const header = 'lsoa_code,lsoa_vintage,imd_decile,imd_rank,la_code,ics_code\n';
      writeFileSync(
        join(dir, 'lsoa.national.csv'),
        header + 'E01000002,2011,10,30379,,\n' + badLine,
      );
      const attempt = seedReference(warehouse.connection, dir);
      await expect(attempt).rejects.toBeInstanceOf(ReferenceFileError);
      await expect(attempt).rejects.toThrow(message);
      expect(
        await one(warehouse.connection, 'SELECT count(*) AS n, sum(imd_rank) AS s FROM lsoa'),
      ).toEqual(before);
    },
  );

  it('rejects a header naming a column the table does not have', async () => {
    writeFileSync(
      join(dir, 'esp2013.csv'),
      'age_band,band_order,age_from,weight,colour\n0-4,1,0,5000,red\n',
    );
    await expect(seedReference(warehouse.connection, dir)).rejects.toThrow(
      /esp2013\.csv, line 1: unknown column\(s\) 'colour'/,
    );
  });

  it('rejects a CSV named for no reference table', async () => {
    writeFileSync(join(dir, 'hospital.csv'), 'a\n1\n');
    await expect(seedReference(warehouse.connection, dir)).rejects.toThrow(
      /hospital\.csv: no reference table 'hospital'/,
    );
  });

  it('loads the committed data/reference folder, national and synthetic parts together', async () => {
    const result = await seedReference(warehouse.connection, reference);
    expect(result.changed).toBe(true);
    const national = readFileSync(join(reference, 'org.national.csv'), 'utf8').trim().split('\n');
    expect(result.tables.org).toBeGreaterThanOrEqual(national.length - 1);
    expect(result.tables.lsoa).toBe(32_844);
  });
});

describe('seedReference and the spans of loaded data', () => {
  it('writes each org’s spans again when the orgs its sites roll up to are reloaded', async () => {
    await warehouse.connection.run(`INSERT INTO site_coverage VALUES
      ('XA101', 'ae', DATE '2026-01-05', TIMESTAMP '2026-01-05 00:00', TIMESTAMP '2026-01-05 12:30', NULL, 40)`);
    copyFileSync(join(reference, 'org.synthetic.csv'), join(dir, 'org.synthetic.csv'));
    await seedReference(warehouse.connection, dir);
    const spans = await warehouse.connection.runAndReadAll(
      `SELECT org_code, feed, strftime(spans[1].u, '%Y-%m-%d %H:%M') FROM org_feed_span ORDER BY org_code`,
    );
    expect(spans.getRowsJS()).toEqual([
      ['XA1', 'ae', '2026-01-05 12:00'],
      ['XA101', 'ae', '2026-01-05 12:00'],
      ['XQA', 'ae', '2026-01-05 12:00'],
      ['XRG', 'ae', '2026-01-05 12:00'],
    ]);
  });
});
