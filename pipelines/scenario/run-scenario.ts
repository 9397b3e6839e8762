import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { opelConfigFrom } from '../indicators/index.js';
import { readScenarioSeed } from './read-scenario-seed.js';
import { noLevers, resolveLevers, type SiteLevers } from './resolve-levers.js';
import { runReplications } from './run-replications.js';
import { ScenarioError } from './scenario-error.js';
import type { ScenarioRequest } from './scenario-request.js';
import type { FittedDistribution, ScenarioSeed } from './scenario-seed.js';
import { arrivalFactor } from './simulate-replication.js';
import { summariseReplications, type ScenarioValue } from './summarise-replications.js';
import { summaryLines } from './summary-lines.js';

const hourMs = 3_600_000;

export interface RunScenarioOptions {
  /** Worker threads (default 2); 0 runs in this thread. */
  workers?: number;
  settings?: Record<string, unknown>;
  onProgress?: (done: number, total: number) => void;
}

/** A finished scenario: where it started, what it was fitted on, and every output. */
export interface ScenarioResult {
  at: string;
  hours: number;
  replications: number;
  seed: number;
  data_version: number;
  /** sha256 of the seed read from the warehouse: equal hashes, equal starting data. */
  seed_hash: string;
  ics: string[];
  sites: Array<{ site_code: string; site_name: string; trust_code: string; trust_name: string }>;
  fitted: FittedDistribution[];
  summary: string[];
  values: ScenarioValue[];
}

/** The data clock of the ICSs: the start of the hour of their latest A&E arrival. */
export async function scenarioClock(
  connection: DuckDBConnection,
  ics: readonly string[],
): Promise<Date> {
  const reader = await connection.runAndReadAll(
    `SELECT max(a.arrived_at) FROM ae_attendance a JOIN org o ON o.org_code = a.site_code
     WHERE list_contains(string_split($1, ','), o.ics_code)`,
    [ics.join(',')],
  );
  const latest = reader.getRowsJS()[0]?.[0];
  if (!(latest instanceof Date))
    throw new ScenarioError(
      `no A&E arrivals recorded for ${ics.join(', ')}: nothing to start from`,
    );
  return new Date(Math.floor(latest.getTime() / hourMs) * hourMs);
}

function londonHours(at: Date, hours: number): number[] {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  return Array.from({ length: hours }, (_, h) =>
    Number(format.format(new Date(at.getTime() + h * hourMs))),
  );
}

/** Where the summary lines speak of: each lever's organisation, then each ICS. */
function summaryOrgs(request: ScenarioRequest, seed: ScenarioSeed): string[] {
  const codes = request.levers.flatMap((lever) => (lever.to ? [lever.org, lever.to] : [lever.org]));
  return [...new Set([...codes, ...seed.sites.map((s) => s.ics_code)])];
}

/** A scenario ready to run: its seed read and fitted, its levers placed. */
export interface PreparedScenario {
  request: ScenarioRequest & { ics: string[] };
  seed: ScenarioSeed;
  levers: SiteLevers[];
}

/**
 * Reads and fits the seed at `request.at` (default the data clock) and places the levers;
 * throws ScenarioError for a lever that cannot be (an unknown organisation, beds below none).
 */
export async function prepareScenario(
  connection: DuckDBConnection,
  request: ScenarioRequest & { ics: string[] },
  options: Pick<RunScenarioOptions, 'settings'> = {},
): Promise<PreparedScenario> {
  const at = request.at ? new Date(request.at) : await scenarioClock(connection, request.ics);
  const seed = await readScenarioSeed(connection, {
    at,
    hours: request.hours,
    ics: request.ics,
    settings: options.settings,
  });
  return { request, seed, levers: resolveLevers(request.levers, seed.sites) };
}

/**
 * Runs a prepared scenario: `request.replications` baseline–scenario pairs on common random
 * numbers over worker threads, every output summarised with its 80% and 95% ranges.
 */
export async function runPreparedScenario(
  { request, seed, levers }: PreparedScenario,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const envelope = levers.map((siteLevers) =>
    Array.from({ length: seed.hours }, (_, h) => Math.max(1, arrivalFactor(siteLevers, h))),
  );
  const pairs = await runReplications(
    {
      seed,
      baseline: seed.sites.map(() => noLevers()),
      scenario: levers,
      envelope,
      local_hours: londonHours(new Date(seed.at), seed.hours),
      random_seed: request.seed,
      replications: Array.from({ length: request.replications }, (_, r) => r),
    },
    { workers: options.workers ?? 2, onProgress: options.onProgress },
  );
  const values = summariseReplications(seed, pairs, opelConfigFrom(options.settings ?? {}));
  return {
    at: seed.at,
    hours: seed.hours,
    replications: request.replications,
    seed: request.seed,
    data_version: seed.data_version,
    seed_hash: createHash('sha256').update(JSON.stringify(seed)).digest('hex'),
    ics: request.ics,
    sites: seed.sites.map(({ site_code, site_name, trust_code, trust_name }) => ({
      site_code,
      site_name,
      trust_code,
      trust_name,
    })),
    fitted: seed.fitted,
    summary: summaryLines(values, summaryOrgs(request, seed), seed.hours),
    values,
  };
}

/** prepareScenario then runPreparedScenario. */
export async function runScenario(
  connection: DuckDBConnection,
  request: ScenarioRequest & { ics: string[] },
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  return runPreparedScenario(await prepareScenario(connection, request, options), options);
}
