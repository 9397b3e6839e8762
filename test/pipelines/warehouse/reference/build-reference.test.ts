import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReference } from '../../../../pipelines/warehouse/reference/build-reference.js';

const root = new URL('../../../../', import.meta.url).pathname;
const committed = join(root, 'data/reference');
const fixtures = join(root, 'test/fixtures/reference-build');
const monthly = join(root, 'data/published/ae-monthly');

/**
 * Lays the committed real inputs out as the published folder the build reads: the full ODS and
 * ONS files, the ten MSitAE files, the June 2025 mappings, one row per published delay reason
 * and a sample of the IMD 2019 LSOAs (see test/fixtures/reference-build/README.md).
 */
function realdataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reference-realdata-'));
  mkdirSync(join(dir, 'nhse-monthly-ae'));
  mkdirSync(join(dir, 'healthyr'));
  for (const file of readdirSync(fixtures)) {
    if (file.startsWith('derived_'))
      copyFileSync(join(fixtures, file), join(dir, 'nhse-monthly-ae', file));
    else if (file.endsWith('.gz')) copyFileSync(join(fixtures, file), join(dir, 'healthyr', file));
    else if (file.endsWith('.csv')) copyFileSync(join(fixtures, file), join(dir, file));
  }
  for (const file of readdirSync(monthly).filter((f) => /^Monthly-AE-.*\.csv$/.test(f)))
    copyFileSync(join(monthly, file), join(dir, 'nhse-monthly-ae', file));
  return dir;
}

/** Runs `npm run reference` (its entry point) with --realdata and --out. */
const runReferenceBuild = (realdata: string, out: string) =>
  promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'pipelines/warehouse/reference/build.ts',
      '--realdata',
      realdata,
      '--out',
      out,
    ],
    { cwd: root },
  );

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('buildReference(connection, realdataDir, outDir)', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let realdata: string;
  let out: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    realdata = realdataDir();
    out = mkdtempSync(join(tmpdir(), 'reference-build-'));
    counts = await buildReference(connection, realdata, out);
  });
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
    rmSync(out, { recursive: true, force: true });
    rmSync(realdata, { recursive: true, force: true });
  });

  it('writes the same bytes as the committed org, ESP 2013 and delay-reason CSVs', () => {
    for (const file of ['org.national.csv', 'esp2013.csv', 'delay_reason.csv']) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(
        readFileSync(join(committed, file), 'utf8'),
      );
    }
  });

  it('writes each sampled LSOA exactly as the committed national LSOA file has it, in order', () => {
    const built = lines(readFileSync(join(out, 'lsoa.national.csv'), 'utf8'));
    const national = lines(readFileSync(join(committed, 'lsoa.national.csv'), 'utf8'));
    const sampled = lines(readFileSync(join(fixtures, 'imd2019_england_lsoa11.csv'), 'utf8'))
      .slice(1)
      .map((line) => line.split(',')[0]!);
    expect(built[0]).toBe(national[0]);
    const byCode = new Map(national.slice(1).map((line) => [line.split(',')[0]!, line]));
    expect(built.slice(1)).toEqual([...sampled].sort().map((code) => byCode.get(code)));
    // the most and the least deprived LSOA of England are in the sample
    expect(built.some((line) => /,1,1,/.test(line))).toBe(true);
    expect(built.some((line) => /,10,32844,/.test(line))).toBe(true);
  });

  it('counts one row per input LSOA, 19 ESP bands and one delay reason per distinct published string (37)', () => {
    expect(counts).toEqual({
      'org.national.csv':
        lines(readFileSync(join(committed, 'org.national.csv'), 'utf8')).length - 1,
      'lsoa.national.csv': 330,
      'esp2013.csv': 19,
      'delay_reason.csv': 37,
    });
    // the committed national file holds every English LSOA of 2011
    expect(lines(readFileSync(join(committed, 'lsoa.national.csv'), 'utf8')).length - 1).toBe(
      32_844,
    );
  });

  it('places every provider of every MSitAE file under an ICB and a region', async () => {
    const files = readdirSync(monthly)
      .filter((f) => /^Monthly-AE-.*\.csv$/.test(f))
      .map((f) => join(monthly, f));
    expect(files).toHaveLength(10);
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

describe('local authority names from ONS', () => {
  /** The first rows of ONS's names-and-codes file, in its own columns (the Welsh name too). */
  const onsNames = [
    'LAD24CD,LAD24NM,LAD24NMW,ObjectId',
    'E06000001,Hartlepool,,1',
    'E08000003,Manchester,,2',
    'E09000033,Westminster,,3',
    'W06000015,Cardiff,Caerdydd,4',
    'E06000001,Hartlepool,,1',
  ].join('\r\n');

  /** Runs `check` with a fresh DuckDB and empty published and output folders, then removes them. */
  async function withBuild(
    check: (connection: DuckDBConnection, realdata: string, out: string) => Promise<void>,
  ): Promise<void> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const realdata = realdataDir();
    const out = mkdtempSync(join(tmpdir(), 'reference-build-'));
    try {
      await check(connection, realdata, out);
    } finally {
      connection.closeSync();
      instance.closeSync();
      rmSync(out, { recursive: true, force: true });
      rmSync(realdata, { recursive: true, force: true });
    }
  }

  it('writes local_authority.national.csv with the English districts when the file is there', () =>
    withBuild(async (connection, realdata, out) => {
      writeFileSync(join(realdata, 'ons_lad_names_codes_dec_2024.csv'), onsNames);
      const counts = await buildReference(connection, realdata, out);
      expect(counts['local_authority.national.csv']).toBe(3);
      expect(readFileSync(join(out, 'local_authority.national.csv'), 'utf8')).toBe(
        'la_code,la_name,ics_code\nE06000001,Hartlepool,\nE08000003,Manchester,\nE09000033,Westminster,\n',
      );
    }));

  it('takes the ICB from a district-to-ICB lookup, and refuses a file without the columns', () =>
    withBuild(async (connection, realdata, out) => {
      writeFileSync(
        join(realdata, 'ons_lad23_icb23_names_codes.csv'),
        'LAD23CD,LAD23NM,ICB23CD,ICB23CDH,ICB23NM\nE08000003,Manchester,E54000057,QOP,NHS Greater Manchester Integrated Care Board\n',
      );
      await buildReference(connection, realdata, out);
      expect(readFileSync(join(out, 'local_authority.national.csv'), 'utf8')).toBe(
        'la_code,la_name,ics_code\nE08000003,Manchester,QOP\n',
      );
      writeFileSync(
        join(realdata, 'ons_lad23_icb23_names_codes.csv'),
        'code,name\nE08000003,Manchester\n',
      );
      await expect(buildReference(connection, realdata, out)).rejects.toThrow(
        'ons_lad23_icb23_names_codes.csv has no LADyyCD and LADyyNM columns (it has code, name)',
      );
    }));
});

describe('npm run reference (pipelines/warehouse/reference/build.ts)', () => {
  it('builds the four CSVs from --realdata into --out and prints the rows of each', async () => {
    const realdata = realdataDir();
    const out = mkdtempSync(join(tmpdir(), 'reference-cli-'));
    try {
      const { stdout } = await runReferenceBuild(realdata, out);
      expect(stdout).toMatch(/^org\.national\.csv\s+\d+ rows$/m);
      expect(stdout).toMatch(/^lsoa\.national\.csv\s+330 rows$/m);
      expect(stdout).toMatch(/^delay_reason\.csv\s+37 rows$/m);
      expect(readdirSync(out).sort()).toEqual([
        'delay_reason.csv',
        'esp2013.csv',
        'lsoa.national.csv',
        'org.national.csv',
      ]);
      expect(readFileSync(join(out, 'org.national.csv'), 'utf8')).toBe(
        readFileSync(join(committed, 'org.national.csv'), 'utf8'),
      );
    } finally {
      rmSync(realdata, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('fails with a one-line error naming the missing folder', async () => {
    const run = runReferenceBuild(
      join(tmpdir(), 'no-such-realdata'),
      join(tmpdir(), 'no-such-out'),
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no-such-realdata'),
    });
  });

  it('asks in one line for the folder when none is named', async () => {
    const env = { ...process.env };
    delete env.OBSERVATORY_REALDATA;
    const run = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'pipelines/warehouse/reference/build.ts', '--out', tmpdir()],
      { cwd: root, env },
    );
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr:
        'npm run reference: name the folder of published files: --realdata DIR (or OBSERVATORY_REALDATA)\n',
    });
  });

  it('fails with one line naming the folder when it holds no monthly A&E file', async () => {
    const realdata = realdataDir();
    for (const file of readdirSync(join(realdata, 'nhse-monthly-ae')))
      if (file.startsWith('Monthly-AE-')) rmSync(join(realdata, 'nhse-monthly-ae', file));
    try {
      const run = runReferenceBuild(realdata, join(realdata, 'out'));
      const failure = (await run.then(
        () => undefined,
        (error: unknown) => error,
      )) as { code: number; stderr: string } | undefined;
      expect(failure?.code).toBe(1);
      expect(failure?.stderr.trim()).toBe(
        `npm run reference: no NHS England monthly A&E files (Monthly-AE-*.csv) in ${join(realdata, 'nhse-monthly-ae')}`,
      );
    } finally {
      rmSync(realdata, { recursive: true, force: true });
    }
  });
});
