import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchedKeys } from '../feed.js';
import { quotedIdentifier as q } from '../../sql/index.js';

/** A fact table with a natural key, lineage columns and a `<table>_history` twin. */
export interface VersionedFact {
  table: string;
  history: string;
  /** Natural key columns. */
  key: readonly string[];
  /** Every other column a feed supplies (the content compared for duplicates). */
  columns: readonly string[];
  /**
   * The (site, local day) keys a fact row touches: `site` and `bucket` are SQL expressions
   * over the row's columns (`bucket` coarse enough to have few distinct values, e.g. the UTC
   * hour), `day` an expression over the column `bucket` giving 'YYYY-MM-DD' in Europe/London.
   */
  touched: ReadonlyArray<{ site: string; bucket: string; day: string }>;
}

export interface MergeCounts {
  loaded: number;
  duplicate: number;
  touched: TouchedKeys['siteDays'];
}

/**
 * Merges the valid rows of a checked staging table (`reason_code IS NULL`, with a `line`
 * column and the fact's key and content columns, typed as the fact table) into the fact.
 *
 * Per key, in line order: a row identical to the version before it (the current fact for
 * the first row of the key in the file, else the previous row of the key in the file) is a
 * duplicate; every other row is loaded as a new version (record_version + 1). The last
 * version in the file becomes the current fact; the current fact it replaces and any earlier
 * versions from the same file are copied to the history table with superseded_by_file_id and
 * superseded_at, so rows in = loaded + duplicate (+ quarantined) and every version is kept.
 * Keys new to the fact and seen once in the file (the bulk) take a direct insert; only the
 * others go through the version comparison. Expects the session variables feed_file_id and
 * feed_now (see loadCsvFeed).
 */
export async function mergeVersions(
  connection: DuckDBConnection,
  fact: VersionedFact,
  staging: { checked: string; versions: string; changes: string },
): Promise<MergeCounts> {
  const all = [...fact.key, ...fact.columns];
  const list = (alias: string) => all.map((c) => `${alias}.${q(c)}`).join(', ');
  const keyJoin = (a: string, b: string) =>
    fact.key.map((c) => `${a}.${q(c)} = ${b}.${q(c)}`).join(' AND ');
  const keys = (alias: string) => fact.key.map((c) => `${alias}.${q(c)}`).join(', ');
  const lineage = 'source_file_id, source_line, ingested_at, record_version';
  const table = q(fact.table);
  const [checked, versions, changes] = [staging.checked, staging.versions, staging.changes].map(q);

  await connection.run(`CREATE TEMP TABLE ${versions} AS
    WITH valid AS (
      SELECT * FROM ${checked} WHERE reason_code IS NULL
    ), involved AS (
      SELECT ${keys('v')} FROM valid v GROUP BY ALL HAVING count(*) > 1
      UNION
      SELECT ${keys('v')} FROM valid v SEMI JOIN ${table} f ON ${keyJoin('v', 'f')}
    ), n AS (
      SELECT ${list('c')}, c.line, row(${list('c')}) AS content,
        lag(row(${list('c')})) OVER (PARTITION BY ${keys('c')} ORDER BY c.line) AS previous
      FROM valid c SEMI JOIN involved i ON ${keyJoin('c', 'i')}
    )
    SELECT ${list('n')}, n.line, f.record_version AS current_version,
      CASE WHEN n.previous IS NULL
        THEN f.record_version IS NOT NULL AND row(${list('f')}) IS NOT DISTINCT FROM n.content
        ELSE n.previous IS NOT DISTINCT FROM n.content END AS is_duplicate
    FROM n LEFT JOIN ${table} f ON ${keyJoin('n', 'f')}`);

  await connection.run(`CREATE TEMP TABLE ${changes} AS
    SELECT v.* EXCLUDE (is_duplicate),
      coalesce(v.current_version, 0) + row_number() OVER (PARTITION BY ${keys('v')} ORDER BY v.line) AS record_version,
      row_number() OVER (PARTITION BY ${keys('v')} ORDER BY v.line DESC) = 1 AS is_final
    FROM ${versions} v WHERE NOT v.is_duplicate`);

  // Per touched expression, the distinct (site, bucket) pairs of each source, each its own
  // narrow aggregate (one aggregate over all the pairs at once has nearly a group per row);
  // then the few distinct buckets become days.
  const sources = [changes, 'replaced', 'fresh'];
  const buckets = fact.touched
    .map(
      ({ site, bucket }, i) =>
        `buckets${i} AS (${sources.map((from) => `SELECT DISTINCT ${site} AS site_code, ${bucket} AS bucket FROM ${from}`).join(' UNION ')})`,
    )
    .join(', ');
  const days = fact.touched
    .map(({ day }, i) => `SELECT site_code, ${day} AS day FROM buckets${i}`)
    .join(' UNION ALL ');
  const touchedReader = await connection.runAndReadAll(`
    WITH replaced AS NOT MATERIALIZED (
      SELECT f.* FROM ${table} f SEMI JOIN ${changes} c ON ${keyJoin('f', 'c')}
    ), fresh AS NOT MATERIALIZED (
      SELECT c.* FROM ${checked} c ANTI JOIN ${versions} v ON ${keyJoin('c', 'v')} WHERE c.reason_code IS NULL
    ), ${buckets}
    SELECT DISTINCT site_code, day FROM (${days})
    WHERE site_code IS NOT NULL AND day IS NOT NULL ORDER BY site_code, day`);
  const touched = touchedReader
    .getRowObjectsJS()
    .map((row) => ({ site_code: String(row.site_code), day: String(row.day) }));

  await connection.run(`INSERT INTO ${q(fact.history)}
    SELECT f.*, getvariable('feed_file_id'), getvariable('feed_now') FROM ${table} f
    SEMI JOIN ${changes} c ON ${keyJoin('f', 'c')}`);
  await connection.run(`INSERT INTO ${q(fact.history)} (${all.map(q).join(', ')}, ${lineage}, superseded_by_file_id, superseded_at)
    SELECT ${list('c')}, getvariable('feed_file_id'), c.line, getvariable('feed_now'), c.record_version,
      getvariable('feed_file_id'), getvariable('feed_now')
    FROM ${changes} c WHERE NOT c.is_final ORDER BY c.line`);
  await connection.run(`UPDATE ${table} f SET
      ${fact.columns.map((c) => `${q(c)} = c.${q(c)}`).join(', ')},
      source_file_id = getvariable('feed_file_id'), source_line = c.line,
      ingested_at = getvariable('feed_now'), record_version = c.record_version
    FROM ${changes} c WHERE c.is_final AND c.current_version IS NOT NULL AND ${keyJoin('f', 'c')}`);
  await connection.run(`INSERT INTO ${table} (${all.map(q).join(', ')}, ${lineage})
    SELECT ${list('c')}, getvariable('feed_file_id'), c.line, getvariable('feed_now'), c.record_version
    FROM ${changes} c WHERE c.is_final AND c.current_version IS NULL ORDER BY c.line`);
  // The bulk, in file order as the reader produced it (no sort: the checked table is in line order).
  const fresh =
    await connection.runAndReadAll(`INSERT INTO ${table} (${all.map(q).join(', ')}, ${lineage})
    SELECT ${list('c')}, getvariable('feed_file_id'), c.line, getvariable('feed_now'), 1
    FROM ${checked} c ANTI JOIN ${versions} v ON ${keyJoin('c', 'v')}
    WHERE c.reason_code IS NULL`);
  const inserted = Number(fresh.getRows()[0]?.[0] ?? 0);

  const counts = await connection.runAndReadAll(`SELECT
      (SELECT count(*) FROM ${changes}) AS loaded,
      (SELECT count(*) FROM ${versions} WHERE is_duplicate) AS duplicate`);
  const row = counts.getRowObjectsJS()[0]!;
  return { loaded: inserted + Number(row.loaded), duplicate: Number(row.duplicate), touched };
}
