import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReference } from '../../../../pipelines/warehouse/reference/build-reference.js';

// The build reads the real published files, which live outside the project
// (../shared/realdata or OBSERVATORY_REALDATA); without them only the committed CSVs exist.
const realdata =
  process.env.OBSERVATORY_REALDATA ??
  new URL('../../../../../shared/realdata', import.meta.url).pathname;
const committed = new URL('../../../../data/reference/', import.meta.url).pathname;

describe.skipIf(!existsSync(realdata))('buildReference(connection, realdataDir, outDir)', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let out: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    out = mkdtempSync(join(tmpdir(), 'reference-build-'));
    counts = await buildReference(connection, realdata, out);
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the same bytes as the committed national CSVs', () => {
    for (const file of [
      'org.national.csv',
      'lsoa.national.csv',
      'esp2013.csv',
      'delay_reason.csv',
    ]) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(committed, file), 'utf8'),
      );
    }
  });

  it('counts 32,844 LSOAs, 19 ESP bands and one delay reason per distinct published string (37)', () => {
    expect(counts).toMatchObject({
      'lsoa.national.csv': 32_844,
      'esp2013.csv': 19,
      'delay_reason.csv': 37,
    });
  });

  it('places every provider of every MSitAE file under an ICB and a region', async () => {
    const dir = join(realdata, 'nhse-monthly-ae');
    const files = readdirSync(dir)
      .filter((f) => /^Monthly-AE-.*\.csv$/.test(f))
      .map((f) => join(dir, f));
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT upper(trim("Org Code")) AS code
       FROM read_csv($2, all_varchar = true, union_by_name = true)
       WHERE upper(trim("Org Code")) <> 'TOTAL'
         AND upper(trim("Org Code")) NOT IN (
           SELECT org_code FROM read_csv($1, all_varchar = true)
           WHERE ics_code IS NOT NULL AND region_code IS NOT NULL)`,
      [join(out, 'org.national.csv'), listValue(files)],
    );
    expect(reader.getRowObjectsJS()).toEqual([]);
  });

  it('keeps open English NHS trusts and drops closed ones that no MSitAE file names', async () => {
    const reader = await connection.runAndReadAll(
      `SELECT org_code FROM read_csv($1, all_varchar = true) WHERE org_code IN ('R0A', 'R1C', 'RQF')
       ORDER BY 1`,
      [join(out, 'org.national.csv')],
    );
    // R0A Manchester (open), R1C Solent (closed 2024-09-30), RQF Velindre (Wales, no region)
    expect(reader.getRowObjectsJS()).toEqual([{ org_code: 'R0A' }]);
  });
});
