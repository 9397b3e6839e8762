import { scoreIcsOpel, scoreOpel, trustParameters, type OpelConfig } from '../indicators/index.js';
import type { ReplicationPair } from './run-pairs.js';
import type { ScenarioSeed } from './scenario-seed.js';
import { replicationMeasures } from './simulate-replication.js';

/** A scenario output: flows per hour, patients at the end of the hour, shares of those who left. */
export const scenarioMeasures = [
  'arrivals',
  'in_department',
  'departures',
  'four_hour_share',
  'twelve_hour_share',
  'twelve_hour_waits',
  'admissions',
  'ga_occupied',
  'ga_beds_open',
  'ga_occupancy',
  'nctr_patients',
  'handovers_over_30',
  'handovers_over_60',
  'opel_level',
] as const;
export type ScenarioMeasure = (typeof scenarioMeasures)[number];

export type ScenarioRun = 'baseline' | 'scenario' | 'difference';

/**
 * One output's distribution over the replications: its mean and the 2.5th, 10th, 50th, 90th and
 * 97.5th percentiles (the 80% and 95% ranges). `hour_start` null: the whole horizon (flows
 * summed, patients averaged, shares pooled). `difference` is scenario − baseline within each
 * replication (common random numbers), so its range is the levers' effect alone.
 */
export interface ScenarioValue {
  org_code: string;
  org_name: string;
  org_type: 'site' | 'trust' | 'ics';
  hour_start: string | null;
  measure: ScenarioMeasure;
  run: ScenarioRun;
  mean: number | null;
  p025: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  p975: number | null;
}

const R = Object.fromEntries(replicationMeasures.map((m, i) => [m, i])) as Record<
  (typeof replicationMeasures)[number],
  number
>;
const flows: Partial<Record<ScenarioMeasure, number>> = {
  arrivals: R.arrivals,
  departures: R.departures,
  twelve_hour_waits: R.over_12h,
  admissions: R.admissions,
  handovers_over_30: R.handovers_over_30,
  handovers_over_60: R.handovers_over_60,
};
const stocks: Partial<Record<ScenarioMeasure, number>> = {
  in_department: R.in_department,
  ga_occupied: R.ga_occupied,
  ga_beds_open: R.ga_beds_open,
  nctr_patients: R.nctr_patients,
};
const shares: Partial<Record<ScenarioMeasure, [number, number]>> = {
  four_hour_share: [R.within_4h, R.departures],
  twelve_hour_share: [R.over_12h, R.departures],
  ga_occupancy: [R.ga_occupied, R.ga_beds_open],
};

/** Type 7 quantile of ascending values. */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]);
}

function distribution(
  values: number[],
): Omit<ScenarioValue, 'org_code' | 'org_name' | 'org_type' | 'hour_start' | 'measure' | 'run'> {
  const kept = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (kept.length === 0)
    return { mean: null, p025: null, p10: null, p50: null, p90: null, p975: null };
  let sum = 0;
  for (const v of kept) sum += v;
  return {
    mean: sum / kept.length,
    p025: quantile(kept, 0.025),
    p10: quantile(kept, 0.1),
    p50: quantile(kept, 0.5),
    p90: quantile(kept, 0.9),
    p975: quantile(kept, 0.975),
  };
}

interface Org {
  code: string;
  name: string;
  type: 'site' | 'trust' | 'ics';
  sites: number[];
}

/** The scenario's organisations: each site, each trust, each ICS, with the sites they sum. */
export function scenarioOrgs(seed: ScenarioSeed): Org[] {
  const orgs: Org[] = seed.sites.map((site, i) => ({
    code: site.site_code,
    name: site.site_name,
    type: 'site',
    sites: [i],
  }));
  const group = (type: 'trust' | 'ics', key: (i: number) => [string, string]) => {
    const map = new Map<string, Org>();
    seed.sites.forEach((_, i) => {
      const [code, name] = key(i);
      const org = map.get(code) ?? { code, name, type, sites: [] };
      org.sites.push(i);
      map.set(code, org);
    });
    return [...map.values()].sort((a, b) => a.code.localeCompare(b.code));
  };
  return [
    ...orgs,
    ...group('trust', (i) => [seed.sites[i].trust_code, seed.sites[i].trust_name]),
    ...group('ics', (i) => [seed.sites[i].ics_code, seed.sites[i].ics_name]),
  ];
}

/**
 * Per replication, run and hour, the OPEL level of each trust and ICS the configured scoring
 * would give from the simulated figures (ambulance handovers over the trailing window).
 */
function opelLevels(
  seed: ScenarioSeed,
  values: Float64Array,
  config: OpelConfig,
): Map<string, Float64Array> {
  const H = seed.hours;
  const m = replicationMeasures.length;
  const at = (site: number, measure: number, hour: number) =>
    values[(site * m + measure) * H + hour];
  const window = config.handoverWindowHours;
  const levels = new Map<string, Float64Array>();
  const trusts = scenarioOrgs(seed).filter((o) => o.type === 'trust');
  const icsCodes = [...new Set(seed.sites.map((s) => s.ics_code))];
  for (const code of [...trusts.map((t) => t.code), ...icsCodes])
    levels.set(code, new Float64Array(H));
  for (let h = 0; h < H; h++) {
    const scored: Array<{
      ics: string;
      trust: string;
      level: number;
      score: number;
      beds: number;
    }> = [];
    for (const trust of trusts) {
      const figures = trust.sites.map((s) => {
        const site = seed.sites[s];
        let handovers = 0;
        let minutes = 0;
        for (let k = Math.max(0, h - window + 1); k <= h; k++) {
          handovers += at(s, R.ambulance_arrivals, k);
          minutes += at(s, R.handover_minutes, k);
        }
        for (const before of site.handovers_before)
          if (before.hours_before < window - (h + 1)) {
            handovers++;
            minutes += before.minutes;
          }
        const open = at(s, R.ga_beds_open, h);
        return {
          site_code: site.site_code,
          department_type: site.department_type,
          in_department: at(s, R.in_department, h),
          over_12h_in_department: at(s, R.over_12h_in_department, h),
          ga_beds_core: site.ga_beds_core > 0 ? site.ga_beds_core : null,
          ga_beds_escalation_open: site.ga_beds_core > 0 ? open - site.ga_beds_core : null,
          ga_beds_occupied: site.ga_beds_core > 0 ? at(s, R.ga_occupied, h) : null,
          nctr_patients: site.ga_beds_core > 0 ? at(s, R.nctr_patients, h) : null,
          handovers,
          handover_minutes: handovers > 0 ? minutes : null,
        };
      });
      const result = scoreOpel(trustParameters(figures, config), config);
      levels.get(trust.code)![h] = result.level;
      scored.push({
        ics: seed.sites[trust.sites[0]].ics_code,
        trust: trust.code,
        level: result.level,
        score: result.score,
        beds: trust.sites.reduce((sum, s) => sum + seed.sites[s].ga_beds_core, 0),
      });
    }
    for (const ics of icsCodes)
      levels.get(ics)![h] = scoreIcsOpel(
        scored.filter((t) => t.ics === ics),
        config,
      ).level;
  }
  return levels;
}

/** The org's hourly series of one output (and, last, its value over the horizon). */
function seriesOf(
  measure: ScenarioMeasure,
  sums: Float64Array,
  hours: number,
  opel: Float64Array | undefined,
): Float64Array {
  const series = new Float64Array(hours + 1);
  const at = (index: number, hour: number) => sums[index * hours + hour];
  let total = 0;
  if (measure === 'opel_level') {
    for (let h = 0; h < hours; h++) total += series[h] = opel![h];
    series[hours] = total / hours;
    return series;
  }
  const flow = flows[measure];
  const stock = stocks[measure];
  if (flow !== undefined || stock !== undefined) {
    for (let h = 0; h < hours; h++) total += series[h] = at((flow ?? stock)!, h);
    series[hours] = flow !== undefined ? total : total / hours;
    return series;
  }
  const [numerator, denominator] = shares[measure]!;
  let n = 0;
  let d = 0;
  for (let h = 0; h < hours; h++) {
    const x = at(numerator, h);
    const y = at(denominator, h);
    n += x;
    d += y;
    series[h] = y > 0 ? x / y : NaN;
  }
  series[hours] = d > 0 ? n / d : NaN;
  return series;
}

/** Every output per organisation and hour (and over the horizon), for both runs and their difference. */
export function summariseReplications(
  seed: ScenarioSeed,
  pairs: readonly ReplicationPair[],
  config: OpelConfig,
): ScenarioValue[] {
  const H = seed.hours;
  const m = replicationMeasures.length;
  const start = Date.parse(seed.at);
  const orgs = scenarioOrgs(seed);
  const opel = pairs.map((pair) => ({
    baseline: opelLevels(seed, pair.baseline, config),
    scenario: opelLevels(seed, pair.scenario, config),
  }));
  const hourStarts = Array.from({ length: H }, (_, h) =>
    new Date(start + h * 3_600_000).toISOString(),
  );
  const out: ScenarioValue[] = [];
  const gather = new Array<number>(pairs.length);
  for (const org of orgs) {
    const sumsOf = (values: Float64Array): Float64Array => {
      const sums = new Float64Array(m * H);
      for (const s of org.sites) for (let i = 0; i < m * H; i++) sums[i] += values[s * m * H + i];
      return sums;
    };
    const baselineSums = pairs.map((pair) => sumsOf(pair.baseline));
    const scenarioSums = pairs.map((pair) => sumsOf(pair.scenario));
    for (const measure of scenarioMeasures) {
      if (measure === 'opel_level' && org.type === 'site') continue;
      const baseline = baselineSums.map((sums, r) =>
        seriesOf(measure, sums, H, opel[r].baseline.get(org.code)),
      );
      const scenario = scenarioSums.map((sums, r) =>
        seriesOf(measure, sums, H, opel[r].scenario.get(org.code)),
      );
      for (let hour = -1; hour < H; hour++) {
        const k = hour < 0 ? H : hour;
        const base = {
          org_code: org.code,
          org_name: org.name,
          org_type: org.type,
          hour_start: hour < 0 ? null : hourStarts[hour],
          measure,
        };
        for (let r = 0; r < pairs.length; r++) gather[r] = baseline[r][k];
        out.push({ ...base, run: 'baseline', ...distribution(gather) });
        for (let r = 0; r < pairs.length; r++) gather[r] = scenario[r][k];
        out.push({ ...base, run: 'scenario', ...distribution(gather) });
        for (let r = 0; r < pairs.length; r++) gather[r] = scenario[r][k] - baseline[r][k];
        out.push({ ...base, run: 'difference', ...distribution(gather) });
      }
    }
  }
  return out;
}
