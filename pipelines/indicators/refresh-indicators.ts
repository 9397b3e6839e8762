import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchedKeys } from '../feeds/feed.js';
import { refreshSiteCoverage } from './coverage/refresh-site-coverage.js';
import { modelSql } from './model-sql.js';
import { indicators } from './registry.js';
import type { RefreshEffects } from './refresh-effects.js';
import { syncRegistry } from './sync-registry.js';

export interface RefreshIndicatorsResult {
  /** indicator_value rows written. */
  rows: number;
  /** org × grain × period keys recomputed. */
  keys: number;
  /** site-days whose statistics were recomputed. */
  siteDays: number;
}

/**
 * The models that compute the registry's indicators (each entry's `sql`), by how the refresh
 * runs them: site measures (one per source feed, statistics per site-day and hour, rolled up
 * to every level and period), population rates over the rolled-up counts, and percentiles
 * re-read from attendances. The site measures are the registry's own list.
 */
export const indicatorModels = {
  siteMeasures: [
    ...new Set(indicators.map((i) => i.sql).filter((sql) => sql.endsWith('-site-measures.sql'))),
  ],
  populationRates: ['population-rates.sql', 'population-dsr.sql'],
  percentiles: ['ae-time-percentiles.sql'],
} as const;

/**
 * Recomputes indicator_value for the keys a file touched ('all': a full rebuild), in
 * proportion to what changed:
 * 1. the touched site-days, and those whose statistics can change through them (re-attendance,
 *    no-criteria-to-reside stock: scope-touched-site-days.sql), are recomputed from facts into
 *    indicator_site_day / _hour; site-days whose statistics come out the same go no further
 *    (those the A&E feed touched always do: their percentiles read the attendances);
 * 2. the trust, ICS and region days (and hours) above the changed site-days are summed again
 *    into indicator_org_day, one statement per level;
 * 3. every key (org × hour, day, week, month) containing a changed org-day is deleted and
 *    rolled up again from the day rows of that org alone, in one statement;
 * touched months of published data recompute their providers, ICBs, regions and ENG. Runs on
 * the caller's transaction. A refresh that finds indicator_org_day empty while site
 * statistics exist (a warehouse from before it) rebuilds everything.
 */
export async function refreshIndicators(
  connection: DuckDBConnection,
  touched: TouchedKeys | 'all',
  effects: RefreshEffects,
): Promise<RefreshIndicatorsResult> {
  const started = performance.now();
  await syncRegistry(connection);
  if (touched !== 'all' && (await orgDaysMissing(connection))) touched = 'all';
  await prepareScratch(connection);
  const isAll = touched === 'all';

  if (touched === 'all') {
    await connection.run('DELETE FROM indicator_site_day');
    await connection.run('DELETE FROM indicator_site_hour');
    await connection.run('DELETE FROM indicator_org_day');
    await connection.run('DELETE FROM indicator_value');
    await connection.run(`INSERT INTO _scope_site_day ${modelSql('scope-all-site-days.sql')}`);
  } else if (touched.siteDays.length > 0) {
    await connection.run(
      `INSERT INTO _touched_site_day
       SELECT DISTINCT site_code, CAST(day AS DATE), list_sort(feeds)
       FROM (SELECT unnest(from_json($1, '[{"site_code":"VARCHAR","day":"VARCHAR","feeds":"VARCHAR[]"}]'), recursive := true))`,
      [JSON.stringify(touched.siteDays)],
    );
    await connection.run(`INSERT INTO _scope_site_day ${modelSql('scope-touched-site-days.sql')}`);
  }

  const siteDays = await scalar(connection, 'SELECT count(*) FROM _scope_site_day');
  let changedSiteDays = 0;
  if (siteDays > 0) {
    await refreshSiteCoverage(connection, isAll ? 'all' : 'touched');
    changedSiteDays = await recomputeSiteStatistics(connection, isAll);
  }
  if (changedSiteDays > 0) {
    await connection.run(`INSERT INTO _affected_org_day ${modelSql('affected-org-days.sql')}`);
    await rollupOrgDays(connection);
    await connection.run(`INSERT INTO _affected_key ${modelSql('affected-keys.sql')}`);
  }
  const months = touched === 'all' ? null : touched.months;
  if (months === null || months.length > 0) {
    await connection.run(
      `INSERT INTO _affected_key ${modelSql('affected-published-keys.sql')}
       EXCEPT SELECT * FROM _affected_key`,
      [months === null ? null : JSON.stringify(months)],
    );
  }

  const keys = await scalar(connection, 'SELECT count(*) FROM _affected_key');
  let rows = 0;
  if (keys > 0) rows = await recomputeValues(connection, isAll);
  effects.log.info('indicators refreshed', {
    siteDays,
    changedSiteDays,
    keys,
    rows,
    ms: Math.round(performance.now() - started),
  });
  return { rows, keys, siteDays };
}

async function orgDaysMissing(connection: DuckDBConnection): Promise<boolean> {
  return (
    (await scalar(
      connection,
      `SELECT NOT EXISTS (FROM indicator_org_day) AND EXISTS (FROM indicator_site_day)`,
    )) === 1
  );
}

const scratchTables: Record<string, string> = {
  // feeds: those whose facts changed on the site-day (NULL: not known); a site-day may have
  // more than one row when the keys given repeat it.
  _touched_site_day: 'site_code VARCHAR, day DATE, feeds VARCHAR[]',
  _scope_site_day: 'site_code VARCHAR, day DATE',
  _changed_site_day: 'site_code VARCHAR, day DATE',
  _affected_org_day: 'org_code VARCHAR, org_level VARCHAR, day DATE',
  _affected_org: 'org_code VARCHAR, org_level VARCHAR',
  _affected_key: 'org_code VARCHAR, grain VARCHAR, period_start TIMESTAMP',
  _affected_site: 'site_code VARCHAR',
  _site_measure: `indicator_id VARCHAR, site_code VARCHAR, day DATE, hour_start TIMESTAMP,
    dimension VARCHAR, category VARCHAR, numerator DOUBLE, denominator DOUBLE, sum_squares DOUBLE`,
  _rolled: `indicator_id VARCHAR, org_code VARCHAR, org_level VARCHAR, grain VARCHAR,
    period_start TIMESTAMP, dimension VARCHAR, category VARCHAR, numerator DOUBLE,
    denominator DOUBLE, sum_squares DOUBLE, days BIGINT`,
  // The affected keys' values as recomputed, before they are compared with what is stored.
  _new_value: `indicator_id VARCHAR, org_code VARCHAR, grain VARCHAR, period_start TIMESTAMP,
    dimension VARCHAR, category VARCHAR, numerator DOUBLE, denominator DOUBLE, value DOUBLE,
    lower DOUBLE, upper DOUBLE`,
};

/** indicator_value's key, and every column (a stored row is unchanged when all are equal). */
const valueKey = ['indicator_id', 'org_code', 'grain', 'period_start', 'dimension', 'category'];
const valueColumns = [...valueKey, 'numerator', 'denominator', 'value', 'lower', 'upper'];
/**
 * The order a full rebuild writes indicator_value in: by grain, then month, then series. DuckDB
 * keeps each column's minimum and maximum per row group and skips the groups a filter rules
 * out, so a refresh's reads between two periods, and a read of one series over some months,
 * touch the row groups of those periods (and of that series) instead of the whole history.
 * Rows a refresh writes are appended after them, recent periods mostly.
 */
const valueOrder =
  "grain, date_trunc('month', period_start), indicator_id, org_code, period_start, dimension, category";
const sameRow = (a: string, b: string, columns: readonly string[]) =>
  columns.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');

async function prepareScratch(connection: DuckDBConnection): Promise<void> {
  for (const [table, columns] of Object.entries(scratchTables)) {
    await connection.run(`CREATE TEMP TABLE IF NOT EXISTS ${table} (${columns})`);
    await connection.run(`DELETE FROM ${table}`);
  }
}

/**
 * Recomputes the statistics of the site-days in _scope_site_day and records in
 * _changed_site_day those that changed (every one on a full rebuild; else those the A&E feed
 * touched, or a feed not known, and those whose rows differ from what was stored). Returns how
 * many changed. A&E site-days count as changed whatever their statistics: the time-in-department
 * percentiles are read from the attendances, not from the statistics; every other feed's facts
 * reach indicator values only through the statistics compared here.
 */
async function recomputeSiteStatistics(
  connection: DuckDBConnection,
  isAll: boolean,
): Promise<number> {
  const bounds = await connection.runAndReadAll(
    `SELECT strftime(period_day_start_utc(min(day)), '%Y-%m-%d %H:%M:%S'),
            strftime(period_day_start_utc(CAST(max(day) + 1 AS DATE)), '%Y-%m-%d %H:%M:%S'),
            strftime(min(day), '%Y-%m-%d'), strftime(max(day), '%Y-%m-%d')
     FROM _scope_site_day`,
  );
  const [from, to, firstDay, lastDay] = bounds.getRows()[0] as [string, string, string, string];
  // The scope's days as parameters, so that the stored statistics are read and deleted only
  // where they lie (the tables are kept in day order): not in proportion to the history.
  const days = [firstDay, lastDay];
  const inScope = (alias: string) =>
    `${alias}.day BETWEEN $1::DATE AND $2::DATE AND EXISTS (
       SELECT 1 FROM _scope_site_day s WHERE s.site_code = ${alias}.site_code AND s.day = ${alias}.day)`;
  for (const name of indicatorModels.siteMeasures) {
    // Each model but the sitrep's reads its facts between the scope's UTC bounds.
    const params = name === 'sitrep-site-measures.sql' ? [] : [from, to];
    await connection.run(`INSERT INTO _site_measure ${modelSql(name)}`, params);
  }
  if (isAll) {
    await connection.run(`INSERT INTO _changed_site_day SELECT * FROM _scope_site_day`);
  } else {
    // A site-day changed when its recomputed statistics and the stored ones differ either way.
    await connection.run(
      `INSERT INTO _changed_site_day
       WITH fresh AS (
         SELECT indicator_id, site_code, day, hour_start, dimension, category, numerator, denominator, sum_squares
         FROM _site_measure
       ),
       stored AS (
         SELECT d.indicator_id, d.site_code, d.day, NULL::TIMESTAMP AS hour_start, d.dimension, d.category,
           d.numerator, d.denominator, d.sum_squares
         FROM indicator_site_day d WHERE ${inScope('d')}
         UNION ALL
         SELECT h.indicator_id, h.site_code, h.day, h.hour_start, 'total', 'all', h.numerator, h.denominator, h.sum_squares
         FROM indicator_site_hour h WHERE ${inScope('h')}
       )
       SELECT site_code, day FROM _touched_site_day WHERE feeds IS NULL OR list_contains(feeds, 'ae')
       UNION
       SELECT site_code, day FROM ((FROM fresh EXCEPT FROM stored) UNION ALL (FROM stored EXCEPT FROM fresh))`,
      days,
    );
    await connection.run(`DELETE FROM indicator_site_day d WHERE ${inScope('d')}`, days);
    await connection.run(`DELETE FROM indicator_site_hour h WHERE ${inScope('h')}`, days);
  }
  await connection.run(
    `INSERT INTO indicator_site_day
     SELECT indicator_id, site_code, day, dimension, category, numerator, denominator, sum_squares
     FROM _site_measure WHERE hour_start IS NULL ORDER BY day`,
  );
  await connection.run(
    `INSERT INTO indicator_site_hour
     SELECT indicator_id, site_code, hour_start, day, numerator, denominator, sum_squares
     FROM _site_measure WHERE hour_start IS NOT NULL ORDER BY day`,
  );
  return scalar(connection, 'SELECT count(*) FROM _changed_site_day');
}

/** Sums the org-days in _affected_org_day again, level by level (trust, ICS, region). */
async function rollupOrgDays(connection: DuckDBConnection): Promise<void> {
  const bounds = await connection.runAndReadAll(
    `SELECT strftime(min(day), '%Y-%m-%d'), strftime(max(day), '%Y-%m-%d') FROM _affected_org_day`,
  );
  const [first, last] = bounds.getRows()[0] as [string, string];
  await connection.run(
    `DELETE FROM indicator_org_day o USING _affected_org_day a
     WHERE o.day BETWEEN $1::DATE AND $2::DATE
       AND o.org_code = a.org_code AND o.org_level = a.org_level AND o.day = a.day`,
    [first, last],
  );
  for (const level of ['trust', 'ics', 'region']) {
    await connection.run(
      `INSERT INTO indicator_org_day SELECT * FROM (${modelSql('rollup-org-day.sql')}) ORDER BY day`,
      [level, first, last],
    );
  }
}

/**
 * The resident population by breakdown (population-dims.sql) in _population_dims, kept on
 * the connection between refreshes and recomputed only when the reference data behind it
 * changed (its files' checksums, or the row counts when seeded otherwise).
 */
async function populationDims(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _population_dims (
    org_code VARCHAR, dimension VARCHAR, category VARCHAR, persons DOUBLE)`);
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _population_dims_of (version VARCHAR)`);
  const reader = await connection.runAndReadAll(
    `SELECT concat_ws('|',
       (SELECT string_agg(sha256, ',' ORDER BY file_name) FROM reference_file
        WHERE table_name IN ('population', 'lsoa', 'org')),
       (SELECT count(*) FROM population), (SELECT count(*) FROM lsoa), (SELECT count(*) FROM org)) AS now,
       (SELECT any_value(version) FROM _population_dims_of) AS was`,
  );
  const row = reader.getRowObjectsJS()[0] as { now: string; was: string | null };
  if (row.now === row.was) return;
  await connection.run('DELETE FROM _population_dims');
  await connection.run(`INSERT INTO _population_dims ${modelSql('population-dims.sql')}`);
  await connection.run('DELETE FROM _population_dims_of');
  await connection.run('INSERT INTO _population_dims_of VALUES ($1)', [row.now]);
}

/**
 * Recomputes the values of the affected keys. A full rebuild writes them all; otherwise they are
 * computed into _new_value and only the rows that differ are written: a stored row of an
 * affected key that is not among the new ones identically is deleted, and a new row whose key
 * is then not stored is inserted. Returns the rows written (inserted).
 */
async function recomputeValues(connection: DuckDBConnection, isAll: boolean): Promise<number> {
  // Deleting and inserting a row each update the table's key index: a refresh writes only the
  // rows its change moved, not every row of every affected key.
  // A full rebuild starts from an empty table and writes each model's rows in valueOrder.
  const target = isAll ? 'indicator_value' : '_new_value';
  const ordered = (sql: string) => (isAll ? `SELECT * FROM (${sql}) ORDER BY ${valueOrder}` : sql);
  await connection.run(
    `INSERT INTO _affected_org SELECT DISTINCT org_code, org_level FROM _affected_org_day`,
  );
  // The local days the affected keys span: hours and days of their own day, the ISO week
  // and the month around it.
  const bounds = await connection.runAndReadAll(
    `SELECT strftime(min(least(date_trunc('week', day), date_trunc('month', day))), '%Y-%m-%d'),
            strftime(max(greatest(CAST(date_trunc('week', day) AS DATE) + 6,
              CAST(date_trunc('month', day) + INTERVAL 1 MONTH AS DATE) - 1)), '%Y-%m-%d')
     FROM _affected_org_day`,
  );
  const [firstDay, lastDay] = bounds.getRows()[0] as Array<string | null>;
  if (firstDay !== null && lastDay !== null) {
    // A full rebuild recomputes every key: filtering by them would only cost a join.
    await connection.run(
      isAll
        ? `INSERT INTO _rolled ${modelSql('rollup-periods.sql')}`
        : `INSERT INTO _rolled SELECT p.* FROM (${modelSql('rollup-periods.sql')}) p
           SEMI JOIN _affected_key k ON k.org_code = p.org_code AND k.grain = p.grain AND k.period_start = p.period_start`,
      [firstDay, lastDay],
    );
  }
  await populationDims(connection);
  let rows = 0;
  for (const name of ['indicator-values.sql', ...indicatorModels.populationRates]) {
    rows += await changed(connection, `INSERT INTO ${target} ${ordered(modelSql(name))}`);
  }
  if (firstDay !== null && lastDay !== null) {
    await connection.run(
      `INSERT INTO _affected_site
       SELECT DISTINCT o.org_code FROM org o
       WHERE o.org_type = 'site' AND EXISTS (SELECT 1 FROM _affected_org a WHERE a.org_code IN
         (o.org_code, coalesce(o.trust_code, o.parent_code), o.ics_code, o.region_code))`,
    );
    const utc = await connection.runAndReadAll(
      `SELECT strftime(period_day_start_utc($1::DATE), '%Y-%m-%d %H:%M:%S'),
              strftime(period_day_start_utc(CAST($2::DATE + 1 AS DATE)), '%Y-%m-%d %H:%M:%S')`,
      [firstDay, lastDay],
    );
    const [from, to] = utc.getRows()[0] as [string, string];
    rows += await changed(
      connection,
      `INSERT INTO ${target} ${ordered(modelSql(indicatorModels.percentiles[0]))}`,
      [from, to],
    );
  }
  // The feed values computed above for the affected keys, which published values do not replace.
  await connection.run(`CREATE OR REPLACE TEMP VIEW _fresh_value AS SELECT * FROM ${target}`);
  rows += await changed(
    connection,
    `INSERT INTO ${target} ${ordered(modelSql('published-monthly.sql'))}`,
  );
  if (isAll) return rows;
  // The stored rows are read only between the affected keys' first and last periods: the
  // table is kept in period order within each grain (see orderedValues), so the rest of the
  // history is skipped, not scanned.
  const periods = await connection.runAndReadAll(
    `SELECT strftime(min(period_start), '%Y-%m-%d %H:%M:%S'), strftime(max(period_start), '%Y-%m-%d %H:%M:%S')
     FROM _affected_key`,
  );
  const [firstPeriod, lastPeriod] = periods.getRows()[0] as [string, string];
  const stored = `v.period_start BETWEEN $1::TIMESTAMP AND $2::TIMESTAMP`;
  await connection.run(
    `DELETE FROM indicator_value v USING _affected_key k
     WHERE ${stored} AND v.org_code = k.org_code AND v.grain = k.grain AND v.period_start = k.period_start
       AND NOT EXISTS (SELECT 1 FROM _new_value n WHERE ${sameRow('n', 'v', valueColumns)})`,
    [firstPeriod, lastPeriod],
  );
  return changed(
    connection,
    `INSERT INTO indicator_value SELECT ${valueColumns.map((c) => `n.${c}`).join(', ')}
     FROM _new_value n
     WHERE NOT EXISTS (SELECT 1 FROM indicator_value v WHERE ${stored} AND ${sameRow('n', 'v', valueKey)})`,
    [firstPeriod, lastPeriod],
  );
}

async function changed(
  connection: DuckDBConnection,
  sql: string,
  params: Array<string | null> = [],
): Promise<number> {
  const result = await connection.run(sql, params);
  return Number(result.rowsChanged);
}

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  const value = reader.getRows()[0]?.[0] ?? 0;
  return typeof value === 'boolean' ? Number(value) : Number(value);
}
