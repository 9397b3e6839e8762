import type { DuckDBConnection } from '@duckdb/node-api';
import { fitArrivalModel, forecastArrivals, type ArrivalModel } from '../indicators/index.js';
import { opelConfigFrom } from '../indicators/index.js';
import { fitBoarding } from './fit-boarding.js';
import {
  dischargeGoShares,
  dischargeWeekdayRates,
  minimumWeekdayDischarges,
  weekdayExposure,
} from './fit-discharge-weekdays.js';
import { ScenarioError } from './scenario-error.js';
import { weekToWeekSd, type WeekToWeekSpread } from './week-to-week-sd.js';
import type { FittedDistribution, ScenarioSeed, SeedSite } from './scenario-seed.js';
import { scenarioSql } from './scenario-sql.js';

const hourMs = 3_600_000;

export interface SeedOptions {
  /** The start (UTC): floored to the hour. */
  at: Date;
  hours: number;
  /** ICS codes simulated. */
  ics: readonly string[];
  /**
   * Days of history the ED, stay and admission behaviour is fitted on; default 28. The fits that
   * read the ADT feed (stays, delays, G&A admissions) start no earlier than the site's feed.
   */
  windowDays?: number;
  /** Weeks of hourly arrivals the forecast model is fitted on; default 12. */
  arrivalWeeks?: number;
  /** settings (for `settings.opel`: ED capacities). */
  settings?: Record<string, unknown>;
}

type Row = Record<string, unknown>;

async function rows(connection: DuckDBConnection, name: string, values: unknown[]): Promise<Row[]> {
  const reader = await connection.runAndReadAll(scenarioSql(name), values as never);
  return reader.getRowObjectsJS() as Row[];
}

function bySite(list: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of list) {
    const code = String(row.site_code);
    const items = map.get(code);
    if (items) items.push(row);
    else map.set(code, [row]);
  }
  return map;
}

const sqlTime = (date: Date): string => date.toISOString().slice(0, 19).replace('T', ' ');
const ascending = (a: number, b: number): number => a - b;
const share = (part: number, whole: number, otherwise: number): number =>
  whole > 0 ? part / whole : otherwise;

/**
 * Reads the state of every site of `ics` at `at` (patients in ED, on G&A wards, with no criteria
 * to reside) and fits the behaviour the simulation draws from: hourly arrivals (the forecast
 * model), ED journeys, exit block, stays and discharge delays, each over a window ending at `at`
 * that reads nothing recorded after it. Spells already open when a site's ADT feed began (its
 * census) are starting occupancy, never admissions.
 */
export async function readScenarioSeed(
  connection: DuckDBConnection,
  options: SeedOptions,
): Promise<ScenarioSeed> {
  const at = new Date(Math.floor(options.at.getTime() / hourMs) * hourMs);
  const windowDays = options.windowDays ?? 28;
  const arrivalWeeks = options.arrivalWeeks ?? 12;
  const when = sqlTime(at);
  const opel = opelConfigFrom(options.settings ?? {});
  const siteRows = await rows(connection, 'seed-sites.sql', [
    when,
    windowDays,
    options.ics.join(','),
  ]);
  if (siteRows.length === 0)
    throw new ScenarioError(
      `no site of ${options.ics.join(', ')} has A&E arrivals in the ${windowDays} days before ${at.toISOString()}`,
    );
  const [arrivals, journeys, edPatients, inpatients, stays, entries, handovers, version] =
    await Promise.all([
      rows(connection, 'seed-arrivals.sql', [when, arrivalWeeks * 7]).then(bySite),
      rows(connection, 'seed-ed-journeys.sql', [when, windowDays]).then(bySite),
      rows(connection, 'seed-ed-patients.sql', [when]).then(bySite),
      rows(connection, 'seed-inpatients.sql', [when]).then(bySite),
      rows(connection, 'seed-stays.sql', [when, windowDays]).then(bySite),
      rows(connection, 'stay-ward-admissions.sql', [when, windowDays]).then(bySite),
      rows(connection, 'seed-handovers.sql', [when]).then(bySite),
      connection.runAndReadAll('SELECT version FROM data_version').then((r) => r.getRowsJS()),
    ]);
  const windowFrom = new Date(at.getTime() - windowDays * 86_400_000).toISOString();
  const fitted: FittedDistribution[] = [];
  const record = (
    site: string,
    distribution: string,
    method: string,
    n: number,
    from = windowFrom,
  ) =>
    fitted.push({
      site_code: site,
      distribution,
      method,
      window_from: from,
      window_to: at.toISOString(),
      window_days: Math.round((at.getTime() - Date.parse(from)) / 864_000) / 100,
      observations: n,
    });

  // Discharges by local day of the week over each site's ward window, of patients found ready on
  // the day they went (or with no ready date) and of those who had waited; a site with too few of
  // either pools its trust's sites, then its ICS's.
  // Where a site's ward window starts: its ADT feed's first message, if later than the window.
  const adtWindowStart = (code: string): Date => {
    const from = entries.get(code)?.[0]?.window_from;
    return from instanceof Date ? from : new Date(windowFrom);
  };
  const weekdayCounts = new Map<string, { counts: number[][]; exposure: number[] }>();
  for (const row of siteRows) {
    const code = String(row.site_code);
    const from = adtWindowStart(code);
    const counts = [
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ];
    for (const s of stays.get(code) ?? [])
      if (Number(s.days_before) * 86_400_000 < at.getTime() - from.getTime())
        counts[dischargeWaited(s) ? 1 : 0][Number(s.discharge_weekday)]++;
    weekdayCounts.set(code, { counts, exposure: weekdayExposure(from, at) });
  }
  const weekdayFit = (row: Row, waited: number) => {
    const levels: Array<[string, (r: Row) => boolean]> = [
      ['site', (r) => r.site_code === row.site_code],
      ['trust', (r) => r.trust_code === row.trust_code],
      ['ICS', (r) => r.ics_code === row.ics_code],
    ];
    for (const [level, member] of levels) {
      const counts = [0, 0, 0, 0, 0, 0, 0];
      const exposure = [0, 0, 0, 0, 0, 0, 0];
      for (const r of siteRows.filter(member)) {
        const own = weekdayCounts.get(String(r.site_code))!;
        own.counts[waited].forEach((c, w) => (counts[w] += c));
        own.exposure.forEach((d, w) => (exposure[w] += d));
      }
      const total = counts.reduce((a, b) => a + b, 0);
      if (total >= minimumWeekdayDischarges)
        return { level, total, rates: dischargeWeekdayRates(counts, exposure) };
    }
    return { level: 'none', total: 0, rates: [1, 1, 1, 1, 1, 1, 1] };
  };

  const sites: SeedSite[] = siteRows.map((row) => {
    const code = String(row.site_code);
    const departmentType = String(row.department_type);
    const arrivalFit = fitArrivals(arrivals.get(code) ?? [], at, options.hours);
    record(
      code,
      'hourly arrivals',
      arrivalFit.model
        ? 'forecast model: trended weekly level × local hour-of-week profile, negative binomial'
        : 'mean of the hours seen (under a week of history)',
      arrivalFit.observations,
      arrivalFit.from,
    );
    // Each fit's window starts no earlier than the site's data: its first A&E hour for the ED's
    // behaviour, its ADT feed's first message for what reads the wards; a shorter history gives
    // a shorter window, and rates are per hour of it.
    const edWindowFrom = arrivalFit.from > windowFrom ? arrivalFit.from : windowFrom;
    const entry = entries.get(code)?.[0];
    const adtFrom = adtWindowStart(code);
    const adtWindowFrom = adtFrom.toISOString();
    const adtWindowHours = (at.getTime() - adtFrom.getTime()) / hourMs;
    const ed = journeys.get(code) ?? [];
    const admitted = ed.filter((j) => j.is_admitted === true && j.decision_minutes !== null);
    const notAdmitted = ed.filter((j) => j.is_admitted !== true);
    const ambulance = ed.filter((j) => j.is_ambulance === true);
    const handoverSample = ambulance
      .map((j) => j.handover_minutes)
      .filter((m): m is number => typeof m === 'number' && m >= 0);
    record(
      code,
      'ED minutes to departure (not admitted)',
      'empirical',
      notAdmitted.length,
      edWindowFrom,
    );
    record(code, 'ED minutes to decision to admit', 'empirical', admitted.length, edWindowFrom);
    record(code, 'ambulance handover minutes', 'empirical', handoverSample.length, edWindowFrom);
    const boardingPoints = admitted
      .filter((j) => j.occupancy !== null && j.boarding_minutes !== null)
      .map((j) => ({ minutes: Number(j.boarding_minutes), occupancy: Number(j.occupancy) }));
    const boarding = fitBoarding(boardingPoints);
    record(
      code,
      'boarding minutes (decision to admit → departure)',
      `log-normal, log median linear in G&A occupancy: slope ${boarding.slope.toFixed(2)}, σ ${boarding.sigma.toFixed(2)}`,
      boardingPoints.length,
      adtWindowFrom,
    );
    const stayRows = (stays.get(code) ?? [])
      .map((s) => ({
        clinical: s.clinical_hours === null ? Number(s.stay_hours) : Number(s.clinical_hours),
        stay: Number(s.stay_hours),
        pathway: s.pathway === null ? -1 : Number(s.pathway),
        days_before: Number(s.days_before),
        readyDays: s.ready_days === null ? -1 : Number(s.ready_days),
        dischargeDays: Number(s.discharge_days),
        minute: Number(s.discharge_minute),
        weekday: Number(s.discharge_weekday),
      }))
      .sort((a, b) => a.clinical - b.clinical);
    record(
      code,
      'G&A stay hours (admission → ready → discharge)',
      'empirical',
      stayRows.length,
      adtWindowFrom,
    );
    const delays = [0, 1, 2, 3].map((p) =>
      stayRows
        .filter((s) => s.pathway === p)
        .map((s) => s.stay - s.clinical)
        .sort(ascending),
    );
    for (const p of [0, 1, 2, 3])
      record(
        code,
        `pathway ${p} delay hours (ready → discharge)`,
        'empirical',
        delays[p].length,
        adtWindowFrom,
      );
    const weekdays = [0, 1].map((waited) => weekdayFit(row, waited));
    const goShares = weekdays.map((w) => dischargeGoShares(w.rates));
    weekdays.forEach((fit, waited) =>
      record(
        code,
        `discharges by day of the week, ${waited ? 'after a wait past the ready date' : 'on the ready date or with none'} (daily rate ÷ the week’s mean, Monday first)`,
        fit.level === 'none'
          ? `flat: under ${minimumWeekdayDischarges} discharges in the ICS`
          : `${fit.rates.map((r) => r.toFixed(3)).join(', ')} (the ${fit.level}'s ${fit.total} discharges); those due on a low day wait, going a day with shares ${goShares[waited].map((g) => g.toFixed(2)).join(', ')}`,
        fit.total,
        adtWindowFrom,
      ),
    );
    const wardEntries = Number(entry?.ward_entries ?? 0);
    const edAdmissions = Number(entry?.ed_admissions ?? 0);
    const wardShare = Math.min(1, share(wardEntries, edAdmissions, 1));
    const otherPerHour =
      adtWindowHours > 0 ? Math.max(0, wardEntries - edAdmissions) / adtWindowHours : 0;
    record(
      code,
      'G&A admissions (share of ED admissions, others an hour)',
      'ratio of counts',
      wardEntries,
      adtWindowFrom,
    );
    const stayLevelSd = weekToWeekSd(
      stayRows.map((r) => ({ days_before: r.days_before, value: r.stay })),
    );
    const boardingLevelSd = weekToWeekSd(
      admitted
        .filter((j) => Number(j.boarding_minutes) > 0)
        .map((j) => ({ days_before: Number(j.days_before), value: Number(j.boarding_minutes) })),
    );
    record(
      code,
      'week-to-week level of stays (log sd)',
      `${stayLevelSd.sd.toFixed(3)} over ${stayLevelSd.weeks} weeks`,
      stayRows.length,
      adtWindowFrom,
    );
    record(
      code,
      'week-to-week level of boarding (log sd)',
      `${boardingLevelSd.sd.toFixed(3)} over ${boardingLevelSd.weeks} weeks`,
      admitted.length,
      edWindowFrom,
    );
    record(
      code,
      'week-to-week level of arrivals (log sd)',
      `${arrivalFit.levelSd.sd.toFixed(3)} over ${arrivalFit.levelSd.weeks} weeks`,
      arrivalFit.observations,
      arrivalFit.from,
    );
    return {
      site_code: code,
      site_name: String(row.site_name),
      trust_code: String(row.trust_code),
      trust_name: String(row.trust_name ?? row.trust_code),
      ics_code: String(row.ics_code),
      ics_name: String(row.ics_name ?? row.ics_code),
      department_type: departmentType,
      ga_beds_core: Number(row.ga_beds_core),
      ga_beds_escalation: Number(row.ga_beds_escalation),
      ed_capacity:
        opel.edCapacity[code] ??
        opel.defaultEdCapacity[departmentType] ??
        opel.defaultEdCapacity.other ??
        0,
      arrival_mean: arrivalFit.mean,
      arrival_extra_variance: arrivalFit.extraVariance,
      arrival_level: arrivalFit.levelSd,
      stay_level: stayLevelSd,
      boarding_level: boardingLevelSd,
      ambulance_share: share(ambulance.length, ed.length, 0),
      admit_share_ambulance: share(
        ambulance.filter((j) => j.is_admitted === true).length,
        ambulance.length,
        0,
      ),
      admit_share_other: share(
        ed.filter((j) => j.is_admitted === true && j.is_ambulance !== true).length,
        ed.length - ambulance.length,
        0,
      ),
      wait_minutes: notAdmitted.map((j) => Number(j.wait_minutes)).sort(ascending),
      decision_minutes: admitted.map((j) => Number(j.decision_minutes)).sort(ascending),
      handover_minutes: handoverSample,
      boarding,
      ward_share: wardShare,
      other_admissions_per_hour: otherPerHour,
      stay_clinical_hours: stayRows.map((s) => s.clinical),
      stay_hours: stayRows.map((s) => s.stay),
      stay_pathway: stayRows.map((s) => s.pathway),
      stay_ready_days: stayRows.map((s) => s.readyDays),
      stay_discharge_days: stayRows.map((s) => s.dischargeDays),
      stay_discharge_minute: stayRows.map((s) => s.minute),
      stay_discharge_weekday: stayRows.map((s) => s.weekday),
      discharge_weekday_rate: weekdays.map((w) => w.rates),
      discharge_go_share: goShares,
      delay_hours: delays,
      ed_patients: (edPatients.get(code) ?? []).map((p) => ({
        waited_minutes: (at.getTime() - (p.arrived_at as Date).getTime()) / 60_000,
        is_ambulance: p.is_ambulance === true,
        decided_minutes:
          p.decided_to_admit_at instanceof Date
            ? (at.getTime() - p.decided_to_admit_at.getTime()) / 60_000
            : -1,
      })),
      inpatients: (inpatients.get(code) ?? []).map((p) => ({
        stayed_hours: Math.max(0, (at.getTime() - (p.admitted_at as Date).getTime()) / hourMs),
        ready_hours:
          p.ready_at instanceof Date
            ? Math.max(0, (at.getTime() - p.ready_at.getTime()) / hourMs)
            : -1,
        pathway: p.pathway === null || p.pathway === undefined ? -1 : Number(p.pathway),
      })),
      handovers_before: (handovers.get(code) ?? []).map((h) => ({
        hours_before: Number(h.hours_before),
        minutes: Number(h.handover_minutes),
      })),
    };
  });
  return {
    at: at.toISOString(),
    hours: options.hours,
    data_version: Number(version[0]?.[0] ?? 0),
    sites,
    fitted,
  };
}

/** A stay whose discharge came on a later local day than its ready date. */
function dischargeWaited(s: Row): boolean {
  return (
    s.ready_days !== null &&
    s.pathway !== null &&
    Number(s.ready_days) >= 0 &&
    Number(s.ready_days) < Number(s.discharge_days)
  );
}

function fitArrivals(
  rows: Row[],
  at: Date,
  hours: number,
): {
  model: ArrivalModel | null;
  mean: number[];
  extraVariance: number[];
  observations: number;
  from: string;
  levelSd: WeekToWeekSpread;
} {
  const counts = new Map<number, number>();
  let first = at.getTime();
  for (const row of rows) {
    const t = (row.hour_start as Date).getTime();
    counts.set(t, Number(row.arrivals));
    first = Math.min(first, t);
  }
  const history: Array<{ hour_start: Date; count: number }> = [];
  for (let t = first; t < at.getTime(); t += hourMs)
    history.push({ hour_start: new Date(t), count: counts.get(t) ?? 0 });
  const from = new Date(first).toISOString();
  const levelSd = weekToWeekSd(
    history.map((h) => ({
      days_before: (at.getTime() - h.hour_start.getTime() - 1) / 86_400_000,
      value: h.count,
    })),
    168,
  );
  if (history.length >= 168) {
    const model = fitArrivalModel(history);
    const forecast = forecastArrivals(model, at, hours);
    return {
      model,
      mean: forecast.map((f) => f.mean),
      extraVariance: forecast.map(
        (f) => f.mean / model.effectiveWeeks + model.dispersion * f.mean * f.mean,
      ),
      observations: history.length,
      from,
      levelSd,
    };
  }
  const total = history.reduce((sum, h) => sum + h.count, 0);
  const mean = history.length > 0 ? total / history.length : 0;
  return {
    model: null,
    mean: new Array<number>(hours).fill(mean),
    extraVariance: new Array<number>(hours).fill(0),
    observations: history.length,
    from,
    levelSd,
  };
}
