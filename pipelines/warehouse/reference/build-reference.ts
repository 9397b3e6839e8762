import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { quotedIdentifier } from '../../sql/index.js';
import { delayReasons } from './delay-reasons.js';
import { esp2013Bands } from './esp2013.js';
import { nhsRegions } from './nhs-regions.js';
import { writeCsv } from './write-csv.js';

const buildOrgSql = readFileSync(join(import.meta.dirname, 'build-org.sql'), 'utf8');

const orgColumns = [
  'org_code',
  'org_name',
  'org_type',
  'parent_code',
  'trust_code',
  'ics_code',
  'region_code',
  'ons_code',
  'department_type',
  'is_synthetic',
] as const;
const lsoaColumns = ['lsoa_code', 'lsoa_vintage', 'imd_decile', 'imd_rank', 'la_code', 'ics_code'];

/** ONS's "Local Authority Districts … Names and Codes" file, when the published folder has it. */
const ladFilePattern = /^ons_lad.*names.*codes.*\.csv$/i;

/**
 * English local authority districts by code and name from the ONS names-and-codes file
 * (columns LADyyCD, LADyyNM, and ICByyCDH when it is a district-to-ICB lookup), sorted by code;
 * null when the folder has no such file.
 */
async function localAuthorities(
  connection: DuckDBConnection,
  realdataDir: string,
): Promise<Record<string, unknown>[] | null> {
  const file = readdirSync(realdataDir)
    .filter((name) => ladFilePattern.test(name))
    .sort()
    .pop();
  if (!file) return null;
  const path = join(realdataDir, file);
  const names = (
    await rows(connection, `DESCRIBE SELECT * FROM read_csv($1, all_varchar = true)`, [path])
  ).map((column) => String(column.column_name));
  const find = (pattern: RegExp) => names.find((name) => pattern.test(name));
  const code = find(/^LAD\d{2}CD$/i);
  const name = find(/^LAD\d{2}NM$/i);
  const ics = find(/^ICB\d{2}CDH$/i);
  if (!code || !name)
    throw new Error(`${file} has no LADyyCD and LADyyNM columns (it has ${names.join(', ')})`);
  return rows(
    connection,
    `SELECT DISTINCT trim(${quotedIdentifier(code)}) AS la_code, trim(${quotedIdentifier(name)}) AS la_name,
       ${ics ? `nullif(trim(${quotedIdentifier(ics)}), '')` : 'NULL'} AS ics_code
     FROM read_csv($1, all_varchar = true)
     WHERE trim(${quotedIdentifier(code)}) LIKE 'E%'
     ORDER BY la_code`,
    [path],
  );
}

/** Rows written per reference CSV by buildReference. */
export type ReferenceBuildCounts = Record<string, number>;

async function rows(
  connection: DuckDBConnection,
  sql: string,
  params: DuckDBValue[] = [],
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Parses the delay-reason CSV's third column (reason) from its text: RFC 4180 quoting. */
function publishedReasons(csvText: string): Set<string> {
  const reasons = new Set<string>();
  for (const line of csvText.split(/\r?\n/).slice(1)) {
    if (line === '') continue;
    const afterTwo = line.split(',').slice(2).join(',');
    const reason = afterTwo.slice(0, afterTwo.lastIndexOf(','));
    reasons.add(reason.startsWith('"') ? reason.slice(1, -1).replace(/""/g, '"') : reason);
  }
  return reasons;
}

/**
 * Builds the national reference CSVs in `outDir` from the real published files in
 * `realdataDir` (ODS, ONS, IMD 2019, MSitAE, the discharge delay reasons):
 * org.national.csv, lsoa.national.csv, esp2013.csv, delay_reason.csv, and
 * local_authority.national.csv when the folder has ONS's local authority names and codes
 * (`ons_lad…names…codes….csv`). Deterministic: the same inputs give byte-identical files.
 */
export async function buildReference(
  connection: DuckDBConnection,
  realdataDir: string,
  outDir: string,
): Promise<ReferenceBuildCounts> {
  mkdirSync(outDir, { recursive: true });
  const ae = join(realdataDir, 'nhse-monthly-ae');
  const msitaeFiles = readdirSync(ae)
    .filter((f) => /^Monthly-AE-.*\.csv$/.test(f))
    .sort()
    .map((f) => join(ae, f));
  if (msitaeFiles.length === 0) {
    throw new Error(`no NHS England monthly A&E files (Monthly-AE-*.csv) in ${ae}`);
  }
  const regions = nhsRegions.map((r) => ({
    code: r.code,
    name: r.name,
    aliases: [`NHS ENGLAND ${r.name.toUpperCase().replace(/&/g, 'AND')}`],
  }));
  const org = await rows(connection, buildOrgSql, [
    join(realdataDir, 'ods_etr_nhs_trusts.csv'),
    join(realdataDir, 'ods_eccg_ccg_subicb.csv'),
    join(realdataDir, 'ons_icb_names_codes_dec_2024.csv'),
    listValue(msitaeFiles),
    join(ae, 'derived_june2025_provider_to_icb_mapping.csv'),
    join(ae, 'derived_june2025_icb_code_lookup.csv'),
    JSON.stringify(regions),
  ]);
  const unplaced = org.filter((o) => o.org_type === 'trust' && !o.region_code);
  if (unplaced.length > 0) {
    throw new Error(`providers with no region: ${unplaced.map((o) => o.org_code).join(', ')}`);
  }
  writeCsv(join(outDir, 'org.national.csv'), orgColumns, org);

  const lsoa = await rows(
    connection,
    `SELECT lsoa11_code AS lsoa_code, 2011 AS lsoa_vintage, IMD_decile::TINYINT AS imd_decile,
            IMD_rank::INTEGER AS imd_rank, NULL AS la_code, NULL AS ics_code
     FROM read_csv($1, all_varchar = true) ORDER BY lsoa_code`,
    [join(realdataDir, 'imd2019_england_lsoa11.csv')],
  );
  writeCsv(join(outDir, 'lsoa.national.csv'), lsoaColumns, lsoa);

  writeCsv(join(outDir, 'esp2013.csv'), ['age_band', 'band_order', 'age_from', 'weight'], [
    ...esp2013Bands,
  ] as unknown as Record<string, unknown>[]);

  const gz = readFileSync(
    join(realdataDir, 'healthyr', 'england_delayed_discharge_reasons.csv.gz'),
  );
  const reasons = delayReasons(publishedReasons(gunzipSync(gz).toString('utf8')));
  writeCsv(
    join(outDir, 'delay_reason.csv'),
    ['reason_code', 'reason_text', 'family', 'pathway'],
    reasons as unknown as Record<string, unknown>[],
  );
  const authorities = await localAuthorities(connection, realdataDir);
  if (authorities)
    writeCsv(
      join(outDir, 'local_authority.national.csv'),
      ['la_code', 'la_name', 'ics_code'],
      authorities,
    );
  return {
    'org.national.csv': org.length,
    'lsoa.national.csv': lsoa.length,
    'esp2013.csv': esp2013Bands.length,
    'delay_reason.csv': reasons.length,
    ...(authorities ? { 'local_authority.national.csv': authorities.length } : {}),
  };
}
