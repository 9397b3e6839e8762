import type { DuckDBConnection } from '@duckdb/node-api';
import { modelSql } from '../model-sql.js';
import type { RefreshEffects } from '../refresh-effects.js';
import { opelConfigFrom, type OpelConfig, type OpelParameter } from './opel-config.js';
import { opelLevelOf, scoreOpel, type OpelDriver, type OpelScore } from './score-opel.js';

export interface OpelChange {
  org_code: string;
  level: number;
  previousLevel: number | null;
  assessed_at: Date;
}

/**
 * One site's figures at a time (its data clock, or a day of the history), as the OPEL scoring
 * of its trust reads them.
 */
export interface SiteFigures {
  site_code: string;
  trust_code: string;
  ics_code: string;
  as_at: Date;
  department_type: string | null;
  in_department: number;
  over_12h_in_department: number;
  ga_beds_core: number | null;
  ga_beds_escalation_open: number | null;
  ga_beds_occupied: number | null;
  nctr_patients: number | null;
  handovers: number;
  handover_minutes: number | null;
}

/**
 * Assesses every trust with live state, and each ICS from its trusts (see OpelConfig), at the
 * data clock, and stores the levels in opel_level with their drivers. History: a new row when
 * the level changes, or on the first assessment in a new clock hour; a later assessment in
 * the same hour at the same level (or of the same data time) replaces the hour's row, so the
 * latest row of a trust is always the one its ICS was scored from. Returns the orgs whose
 * level changed.
 */
export async function assessOpel(
  connection: DuckDBConnection,
  effects: RefreshEffects,
): Promise<{ assessed: number; changed: OpelChange[] }> {
  const config = opelConfigFrom(effects.settings);
  await connection.run('CREATE OR REPLACE TEMP TABLE _site_state AS FROM live_site');
  const assessments = scoreSites(await readSiteFigures(connection, config), config);

  const changed: OpelChange[] = [];
  for (const { org_code, assessed_at, result } of assessments) {
    const previous = await connection.runAndReadAll(
      `SELECT level, score, assessed_at FROM opel_level WHERE org_code = $1 ORDER BY assessed_at DESC LIMIT 1`,
      [org_code],
    );
    const [row] = previous.getRowObjectsJS() as Array<{
      level: number;
      score: number;
      assessed_at: Date;
    }>;
    const previousLevel = row ? Number(row.level) : null;
    if (row) {
      const stored = row.assessed_at.getTime();
      const at = assessed_at.getTime();
      // Never over an assessment of later data; nothing new when nothing changed.
      if (stored > at) continue;
      const sameLevel = previousLevel === result.level;
      if (stored === at && sameLevel && Number(row.score) === result.score) continue;
      // The latest assessment of the same data time, or of the same hour at the same level,
      // replaces the stored one: the history keeps each hour's last assessment and every
      // change of level, and the latest row always says what the ICS was scored from.
      const sameHour = Math.floor(stored / 3_600_000) === Math.floor(at / 3_600_000);
      if (stored === at || (sameHour && sameLevel)) {
        await connection.run(`DELETE FROM opel_level WHERE org_code = $1 AND assessed_at = $2`, [
          org_code,
          row.assessed_at.toISOString().slice(0, 23).replace('T', ' '),
        ]);
      }
    }
    await connection.run(
      `INSERT INTO opel_level VALUES ($1, $2::TIMESTAMP, $3, $4, CAST($5 AS JSON))`,
      [
        org_code,
        assessed_at.toISOString().slice(0, 23).replace('T', ' '),
        result.level,
        result.score,
        JSON.stringify(result.drivers),
      ],
    );
    if (previousLevel !== result.level) {
      changed.push({ org_code, level: result.level, previousLevel, assessed_at });
    }
  }
  return { assessed: assessments.length, changed };
}

/** One org's OPEL at a time: a trust from its sites, or an ICS from its trusts. */
export interface OpelAssessment {
  org_code: string;
  assessed_at: Date;
  result: OpelScore;
}

/**
 * The OPEL figures of each site and time in the temp table _site_state (rows of live_site's
 * columns), with the ambulance handovers of the configured window (opel-parameters.sql).
 */
export async function readSiteFigures(
  connection: DuckDBConnection,
  config: OpelConfig,
): Promise<SiteFigures[]> {
  const reader = await connection.runAndReadAll(modelSql('opel-parameters.sql'), [
    config.handoverWindowHours,
  ]);
  return reader.getRowObjectsJS().map((row) => ({
    ...row,
    in_department: Number(row.in_department),
    over_12h_in_department: Number(row.over_12h_in_department),
    handovers: Number(row.handovers),
  })) as unknown as SiteFigures[];
}

/**
 * Scores each trust from its sites' figures, then each ICS from its trusts (scoreIcsOpel):
 * trusts first, then ICSs. A trust or ICS is assessed at the latest as_at of its sites.
 */
export function scoreSites(sites: SiteFigures[], config: OpelConfig): OpelAssessment[] {
  const assessments: OpelAssessment[] = [];
  const trustScores: Array<{
    ics: string;
    level: number;
    score: number;
    beds: number;
    trust: string;
  }> = [];
  for (const [trust, members] of groupBy(sites, (site) => site.trust_code)) {
    const result = scoreOpel(trustParameters(members, config), config);
    const assessedAt = latest(members.map((site) => site.as_at));
    assessments.push({ org_code: trust, assessed_at: assessedAt, result });
    trustScores.push({
      ics: members[0].ics_code,
      trust,
      level: result.level,
      score: result.score,
      beds: sum(members.map((site) => site.ga_beds_core ?? 0)),
    });
  }
  for (const [ics, members] of groupBy(trustScores, (trust) => trust.ics)) {
    const result = scoreIcsOpel(members, config);
    const assessedAt = latest(
      sites.filter((site) => site.ics_code === ics).map((site) => site.as_at),
    );
    assessments.push({ org_code: ics, assessed_at: assessedAt, result });
  }
  return assessments;
}

/**
 * An ICS's score from its trusts' (see OpelConfig): the mean of their scores weighted by G&A core
 * beds, leveled by the cut-offs, never more than one level below the most escalated trust.
 */
export function scoreIcsOpel(
  members: ReadonlyArray<{ trust: string; level: number; score: number; beds: number }>,
  config: OpelConfig,
): OpelScore {
  const totalBeds = sum(members.map((trust) => trust.beds));
  const weightOf = (trust: (typeof members)[number]) => (totalBeds > 0 ? trust.beds : 1);
  const score =
    sum(members.map((trust) => trust.score * weightOf(trust))) /
    sum(members.map((trust) => weightOf(trust)));
  const floor = Math.max(...members.map((trust) => trust.level)) - 1;
  const level = Math.max(opelLevelOf(score, config.cutOffs), floor) as 1 | 2 | 3 | 4;
  const drivers: OpelDriver[] = members.map((trust) => ({
    parameter: `trust:${trust.trust}`,
    value: trust.score,
    band: trust.level,
    points: trust.level,
    weight: weightOf(trust),
  }));
  return { level, score, drivers };
}

/** A trust's OPEL parameters from its sites' figures. */
export function trustParameters(
  sites: ReadonlyArray<Omit<SiteFigures, 'trust_code' | 'ics_code' | 'as_at'>>,
  config: OpelConfig,
): Partial<Record<OpelParameter, number | null>> {
  const inDepartment = sum(sites.map((site) => site.in_department));
  const capacity = sum(
    sites
      .filter((site) => site.department_type !== null)
      .map(
        (site) =>
          config.edCapacity[site.site_code] ??
          config.defaultEdCapacity[site.department_type ?? 'other'] ??
          config.defaultEdCapacity.other ??
          0,
      ),
  );
  const handovers = sum(sites.map((site) => site.handovers));
  const beds = sum(
    sites.map((site) => (site.ga_beds_core ?? 0) + (site.ga_beds_escalation_open ?? 0)),
  );
  const occupied = sum(sites.map((site) => site.ga_beds_occupied ?? 0));
  const hasNctr = sites.some((site) => site.nctr_patients !== null);
  return {
    ambulance_handover_mean:
      handovers > 0 ? sum(sites.map((site) => site.handover_minutes ?? 0)) / handovers : null,
    ed_over_12h_share:
      inDepartment > 0
        ? sum(sites.map((site) => site.over_12h_in_department)) / inDepartment
        : null,
    ed_occupancy: capacity > 0 ? inDepartment / capacity : null,
    ga_occupancy: beds > 0 ? occupied / beds : null,
    nctr_share:
      hasNctr && occupied > 0 ? sum(sites.map((site) => site.nctr_patients ?? 0)) / occupied : null,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function latest(dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}
