import type { DuckDBConnection } from '@duckdb/node-api';
import type { TouchedKeys } from '../feeds/feed.js';
import { modelSql } from './model-sql.js';
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

const siteMeasureSql = [
  'ae-site-measures.sql',
  'sitrep-site-measures.sql',
  'spell-site-measures.sql',
  'discharge-site-measures.sql',
];

/**
 * Recomputes indicator_value for the keys a file touched ('all': a full rebuild). The touched
 * site-days' statistics are recomputed from facts into indicator_site_day / _hour, then every
 * org × period they feed (site, trust, ICS, region × hour, day, week, month) is deleted and
 * rolled up again; touched months of published data recompute their providers, ICBs,
 * regions and ENG. Runs on the caller's transaction.
 */
export async function refreshIndicators(
  connection: DuckDBConnection,
  touched: TouchedKeys | 'all',
  effects: RefreshEffects,
): Promise<RefreshIndicatorsResult> {
  const started = performance.now();
  await syncRegistry(connection);
  await prepareScratch(connection);

  if (touched === 'all') {
    await connection.run('DELETE FROM indicator_site_day');
    await connection.run('DELETE FROM indicator_site_hour');
    await connection.run('DELETE FROM indicator_value');
    await connection.run(`INSERT INTO _scope_site_day ${modelSql('scope-all-site-days.sql')}`);
  } else if (touched.siteDays.length > 0) {
    await connection.run(`INSERT INTO _scope_site_day ${modelSql('scope-touched-site-days.sql')}`, [
      JSON.stringify(touched.siteDays),
    ]);
  }

  const siteDays = await scalar(connection, 'SELECT count(*) FROM _scope_site_day');
  if (siteDays > 0) {
    await recomputeSiteStatistics(connection);
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
  if (keys > 0) rows = await recomputeValues(connection, touched === 'all');
  effects.log.info('indicators refreshed', {
    siteDays,
    keys,
    rows,
    ms: Math.round(performance.now() - started),
  });
  return { rows, keys, siteDays };
}

async function prepareScratch(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS _scope_site_day (site_code VARCHAR, day DATE)`,
  );
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS _affected_key (org_code VARCHAR, grain VARCHAR, period_start TIMESTAMP)`,
  );
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _site_measure (
    indicator_id VARCHAR, site_code VARCHAR, day DATE, hour_start TIMESTAMP, dimension VARCHAR,
    category VARCHAR, numerator DOUBLE, denominator DOUBLE, sum_squares DOUBLE)`);
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _rolled (
    indicator_id VARCHAR, org_code VARCHAR, org_level VARCHAR, grain VARCHAR, period_start TIMESTAMP,
    dimension VARCHAR, category VARCHAR, numerator DOUBLE, denominator DOUBLE, sum_squares DOUBLE,
    days BIGINT)`);
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _affected_site (site_code VARCHAR)`);
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS _org_day (
    indicator_id VARCHAR, org_code VARCHAR, org_level VARCHAR, day DATE, hour_start TIMESTAMP,
    dimension VARCHAR, category VARCHAR, numerator DOUBLE, denominator DOUBLE, sum_squares DOUBLE)`);
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS _population_dims (org_code VARCHAR, dimension VARCHAR, category VARCHAR, persons DOUBLE)`,
  );
  for (const table of [
    '_scope_site_day',
    '_affected_key',
    '_affected_site',
    '_org_day',
    '_site_measure',
    '_rolled',
    '_population_dims',
  ]) {
    await connection.run(`DELETE FROM ${table}`);
  }
}

async function recomputeSiteStatistics(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `DELETE FROM indicator_site_day d USING _scope_site_day s WHERE d.site_code = s.site_code AND d.day = s.day`,
  );
  await connection.run(
    `DELETE FROM indicator_site_hour h USING _scope_site_day s WHERE h.site_code = s.site_code AND h.day = s.day`,
  );
  const bounds = await connection.runAndReadAll(
    `SELECT strftime(period_day_start_utc(min(day)), '%Y-%m-%d %H:%M:%S'),
            strftime(period_day_start_utc(CAST(max(day) + 1 AS DATE)), '%Y-%m-%d %H:%M:%S')
     FROM _scope_site_day`,
  );
  const [from, to] = bounds.getRows()[0] as [string, string];
  for (const name of siteMeasureSql) {
    const params = name === 'ae-site-measures.sql' ? [from, to] : [];
    await connection.run(`INSERT INTO _site_measure ${modelSql(name)}`, params);
  }
  await connection.run(
    `INSERT INTO indicator_site_day
     SELECT indicator_id, site_code, day, dimension, category, numerator, denominator, sum_squares
     FROM _site_measure WHERE hour_start IS NULL`,
  );
  await connection.run(
    `INSERT INTO indicator_site_hour
     SELECT indicator_id, site_code, hour_start, day, numerator, denominator, sum_squares
     FROM _site_measure WHERE hour_start IS NOT NULL`,
  );
}

async function recomputeValues(connection: DuckDBConnection, isAll: boolean): Promise<number> {
  await connection.run(
    `DELETE FROM indicator_value v USING _affected_key k
     WHERE v.org_code = k.org_code AND v.grain = k.grain AND v.period_start = k.period_start`,
  );
  const bounds = await connection.runAndReadAll(
    `SELECT strftime(CAST(min(period_start) AS DATE) - 1, '%Y-%m-%d'),
            strftime(CAST(max(period_start) AS DATE) + 32, '%Y-%m-%d'),
            strftime(CAST(min(period_start) FILTER (grain = 'hour') AS DATE) - 1, '%Y-%m-%d'),
            strftime(CAST(max(period_start) FILTER (grain = 'hour') AS DATE) + 1, '%Y-%m-%d')
     FROM _affected_key`,
  );
  const [firstDay, lastDay, firstHourDay, lastHourDay] = bounds.getRows()[0] as Array<
    string | null
  >;
  await connection.run(
    `INSERT INTO _affected_site
     SELECT DISTINCT o.org_code FROM org o
     WHERE o.org_type = 'site' AND EXISTS (SELECT 1 FROM _affected_key k WHERE k.org_code IN
       (o.org_code, coalesce(o.trust_code, o.parent_code), o.ics_code, o.region_code))`,
  );
  await connection.run(`INSERT INTO _org_day ${modelSql('rollup-site-days.sql')}`, [
    firstDay,
    lastDay,
    firstHourDay ?? '0001-01-01',
    lastHourDay ?? '0001-01-01',
  ]);
  for (const level of ['site', 'trust', 'ics']) {
    await connection.run(`INSERT INTO _org_day ${modelSql('rollup-org-days.sql')}`, [level]);
  }
  // A full rebuild recomputes every key: filtering by them would only cost a join.
  await connection.run(
    isAll
      ? `INSERT INTO _rolled ${modelSql('rollup-periods.sql')}`
      : `INSERT INTO _rolled SELECT p.* FROM (${modelSql('rollup-periods.sql')}) p
         SEMI JOIN _affected_key k ON k.org_code = p.org_code AND k.grain = p.grain AND k.period_start = p.period_start`,
  );
  await connection.run(`INSERT INTO _population_dims ${modelSql('population-dims.sql')}`);
  let rows = 0;
  for (const name of ['indicator-values.sql', 'population-rates.sql', 'population-dsr.sql']) {
    rows += await changed(connection, `INSERT INTO indicator_value ${modelSql(name)}`);
  }
  const utc = await connection.runAndReadAll(
    `SELECT strftime(period_day_start_utc($1::DATE), '%Y-%m-%d %H:%M:%S'),
            strftime(period_day_start_utc($2::DATE), '%Y-%m-%d %H:%M:%S')`,
    [firstDay ?? '0001-01-01', lastDay ?? '0001-01-01'],
  );
  const [from, to] = utc.getRows()[0] as [string, string];
  rows += await changed(
    connection,
    `INSERT INTO indicator_value ${modelSql('ae-time-percentiles.sql')}`,
    [from, to],
  );
  rows += await changed(
    connection,
    `INSERT INTO indicator_value ${modelSql('published-monthly.sql')}`,
  );
  return rows;
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
  return Number(reader.getRows()[0]?.[0] ?? 0);
}
