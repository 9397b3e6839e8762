import type { WeekToWeekSpread } from './week-to-week-sd.js';

/**
 * Everything one replication needs, read and fitted from the warehouse at the scenario's start:
 * plain data (numbers and arrays), so it crosses to worker threads by structured clone and
 * hashes to say which data a run started from. Times are hours or minutes relative to `at`.
 */
export interface ScenarioSeed {
  /** The start (UTC, a whole hour). */
  at: string;
  hours: number;
  /** The warehouse's data version when the seed was read. */
  data_version: number;
  sites: SeedSite[];
  /** Each fitted distribution with its data window. */
  fitted: FittedDistribution[];
}

/**
 * A fitted distribution and the data it was fitted on: `window_from` is the later of the window's
 * nominal start and the start of the site's data (its ADT feed's first message for the fits that
 * read the wards, its first A&E hour for the ED's and the arrivals), so `window_days` is the days
 * actually used.
 */
export interface FittedDistribution {
  site_code: string;
  distribution: string;
  method: string;
  window_from: string;
  window_to: string;
  window_days: number;
  observations: number;
}

/** Exit block: log(boarding minutes) = intercept + slope × G&A occupancy (÷ core beds) + σ·z. */
export interface BoardingFit {
  intercept: number;
  slope: number;
  sigma: number;
}

export interface SeedSite {
  site_code: string;
  site_name: string;
  trust_code: string;
  trust_name: string;
  ics_code: string;
  ics_name: string;
  department_type: string;
  ga_beds_core: number;
  ga_beds_escalation: number;
  /** Patients the ED holds at full occupancy (OPEL configuration). */
  ed_capacity: number;
  /** Forecast mean arrivals in each hour of the horizon, and the variance beyond Poisson. */
  arrival_mean: number[];
  arrival_extra_variance: number[];
  /** Week-to-week spread (log scale) of the arrivals level, stays and boarding. */
  arrival_level: WeekToWeekSpread;
  stay_level: WeekToWeekSpread;
  boarding_level: WeekToWeekSpread;
  ambulance_share: number;
  admit_share_ambulance: number;
  admit_share_other: number;
  /** Ascending minutes from arrival to departure of patients not admitted. */
  wait_minutes: number[];
  /** Ascending minutes from arrival to the decision to admit. */
  decision_minutes: number[];
  /** Ambulance handover minutes (unordered sample). */
  handover_minutes: number[];
  boarding: BoardingFit;
  /** Chance an ED admission takes a G&A bed; G&A admissions an hour from elsewhere. */
  ward_share: number;
  other_admissions_per_hour: number;
  /** G&A stays, ascending by clinical hours (admission to ready), with total hours and pathway (−1: none). */
  stay_clinical_hours: number[];
  stay_hours: number[];
  stay_pathway: number[];
  /** Local days from the day of admission to the ready date (−1: none) and to the discharge, and its local minute of the day. */
  stay_ready_days: number[];
  stay_discharge_days: number[];
  stay_discharge_minute: number[];
  /** The local day of the week of each stay's discharge (Monday 0). */
  stay_discharge_weekday: number[];
  /**
   * Daily discharges on each local day of the week (Monday first) relative to the week's mean, and
   * the share of those due on that day (or put off to it) who go that day (the rest wait a day):
   * [0] of patients found ready on the day they go (or with no ready date), [1] of those who waited.
   */
  discharge_weekday_rate: number[][];
  discharge_go_share: number[][];
  /** Ascending hours from ready to discharge, per pathway 0–3. */
  delay_hours: number[][];
  /** Patients in the ED at the start: minutes since arrival, and since the decision to admit (−1: none). */
  ed_patients: Array<{ waited_minutes: number; is_ambulance: boolean; decided_minutes: number }>;
  /** G&A patients at the start: hours since admission, since ready (−1: not ready), pathway (−1). */
  inpatients: Array<{ stayed_hours: number; ready_hours: number; pathway: number }>;
  /** Handovers in the 24 hours before the start (hours before, minutes). */
  handovers_before: Array<{ hours_before: number; minutes: number }>;
}
