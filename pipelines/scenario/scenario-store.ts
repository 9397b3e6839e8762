import { timestampValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ScenarioRequest } from './scenario-request.js';
import type { ScenarioResult } from './run-scenario.js';

/** A saved scenario as the table holds it (migration 140), without its values. */
export interface SavedScenario {
  scenario_id: string;
  name: string;
  created_at: Date;
  created_by: string | null;
  ics_codes: string[];
  request: ScenarioRequest;
  random_seed: number;
  started_at: Date | null;
  data_version: number | null;
  seed_hash: string | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  in_brief: boolean;
  finished_at: Date | null;
  summary: string[];
  fitted: ScenarioResult['fitted'];
}

const sqlTime = (date: Date): string => date.toISOString().slice(0, 23).replace('T', ' ');

/** Records a scenario as running, with its inputs. */
export async function insertScenario(
  connection: DuckDBConnection,
  scenario: {
    id: string;
    request: ScenarioRequest & { ics: string[] };
    createdBy: string | null;
    now: Date;
  },
): Promise<void> {
  const { id, request, createdBy, now } = scenario;
  await connection.run(
    `INSERT INTO scenario (scenario_id, name, created_at, created_by, ics_codes, request, random_seed, status, in_brief)
     VALUES ($1, $2, $3::TIMESTAMP, $4, $5, CAST($6 AS JSON), $7, 'running', $8)`,
    [
      id,
      request.name,
      sqlTime(now),
      createdBy,
      request.ics.join(','),
      JSON.stringify(request),
      request.seed,
      request.in_brief,
    ],
  );
}

/** Stores a finished scenario's outputs and marks it done, in one transaction. */
export async function finishScenario(
  connection: DuckDBConnection,
  id: string,
  result: ScenarioResult,
  now: Date,
): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('DELETE FROM scenario_value WHERE scenario_id = $1', [id]);
    const appender = await connection.createAppender('scenario_value');
    const number = (value: number | null) => {
      if (value === null || !Number.isFinite(value)) appender.appendNull();
      else appender.appendDouble(value);
    };
    for (const v of result.values) {
      appender.appendVarchar(id);
      appender.appendVarchar(v.org_code);
      appender.appendVarchar(v.org_name);
      appender.appendVarchar(v.org_type);
      if (v.hour_start === null) appender.appendNull();
      else appender.appendTimestamp(timestampValue(BigInt(Date.parse(v.hour_start)) * 1000n));
      appender.appendVarchar(v.measure);
      appender.appendVarchar(v.run);
      number(v.mean);
      number(v.p025);
      number(v.p10);
      number(v.p50);
      number(v.p90);
      number(v.p975);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    await connection.run(
      `UPDATE scenario SET status = 'done', started_at = $2::TIMESTAMP, data_version = $3, seed_hash = $4,
         summary = CAST($5 AS JSON), fitted = CAST($6 AS JSON), finished_at = $7::TIMESTAMP
       WHERE scenario_id = $1`,
      [
        id,
        sqlTime(new Date(result.at)),
        result.data_version,
        result.seed_hash,
        JSON.stringify(result.summary),
        JSON.stringify(result.fitted),
        sqlTime(now),
      ],
    );
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** Marks a scenario failed with the reason. */
export async function failScenario(
  connection: DuckDBConnection,
  id: string,
  message: string,
  now: Date,
): Promise<void> {
  await connection.run(
    `UPDATE scenario SET status = 'failed', error = $2, finished_at = $3::TIMESTAMP WHERE scenario_id = $1`,
    [id, message.slice(0, 500), sqlTime(now)],
  );
}

/** Marks a scenario for the daily brief (or unmarks it); false when there is no such scenario. */
export async function markScenarioInBrief(
  connection: DuckDBConnection,
  id: string,
  inBrief: boolean,
): Promise<boolean> {
  const result = await connection.run('UPDATE scenario SET in_brief = $2 WHERE scenario_id = $1', [
    id,
    inBrief,
  ]);
  return result.rowsChanged > 0;
}

/** Scenarios (newest first), or one by id; `scope` null sees all, else only those inside it. */
export async function readScenarios(
  connection: DuckDBConnection,
  scope: readonly string[] | null,
  options: { id?: string; inBrief?: boolean; limit?: number } = {},
): Promise<SavedScenario[]> {
  const reader = await connection.runAndReadAll(
    `SELECT scenario_id, name, created_at, created_by, ics_codes, CAST(request AS VARCHAR) AS request,
       random_seed, started_at, data_version, seed_hash, status, error, in_brief, finished_at,
       CAST(summary AS VARCHAR) AS summary, CAST(fitted AS VARCHAR) AS fitted
     FROM scenario
     WHERE ($1::VARCHAR IS NULL OR scenario_id = $1)
       AND ($2::BOOLEAN IS NULL OR in_brief = $2)
       AND ($3::VARCHAR IS NULL OR list_has_all(string_split($3, ','), string_split(ics_codes, ',')))
     ORDER BY created_at DESC, scenario_id
     LIMIT $4`,
    [
      options.id ?? null,
      options.inBrief ?? null,
      scope === null ? null : scope.join(','),
      options.limit ?? 100,
    ],
  );
  return reader.getRowObjectsJS().map((row) => ({
    scenario_id: String(row.scenario_id),
    name: String(row.name),
    created_at: row.created_at as Date,
    created_by: (row.created_by as string | null) ?? null,
    ics_codes: String(row.ics_codes).split(','),
    request: JSON.parse(String(row.request)) as ScenarioRequest,
    random_seed: Number(row.random_seed),
    started_at: (row.started_at as Date | null) ?? null,
    data_version: row.data_version === null ? null : Number(row.data_version),
    seed_hash: (row.seed_hash as string | null) ?? null,
    status: row.status as SavedScenario['status'],
    error: (row.error as string | null) ?? null,
    in_brief: row.in_brief === true,
    finished_at: (row.finished_at as Date | null) ?? null,
    summary: row.summary ? (JSON.parse(String(row.summary)) as string[]) : [],
    fitted: row.fitted ? (JSON.parse(String(row.fitted)) as ScenarioResult['fitted']) : [],
  }));
}
