import type { ScenarioValue } from '../scenario/index.js';
/**
 * The API's data shapes: one interface per route's row, snake_case exactly as the tables.
 * Dashboards and notebooks import these as types. Instants are ISO 8601 UTC strings in JSON
 * and CSV, timestamp[ms, UTC] in Arrow. `contractColumns` lists each row's columns in order;
 * a test checks them against the routes' queries on an empty warehouse.
 */

export interface OrgRow {
  org_code: string;
  org_name: string;
  org_type: 'england' | 'region' | 'ics' | 'trust' | 'site';
  parent_code: string | null;
  trust_code: string | null;
  ics_code: string | null;
  region_code: string | null;
  is_synthetic: boolean;
}

/** A local authority (discharge delays are read by it): its code, name and ICS. */
export interface LocalAuthorityRow {
  la_code: string;
  la_name: string;
  ics_code: string | null;
}

/** One stage × route of the patient journey of one cohort (journeyQuery). */
export interface JourneyRow {
  org_code: string;
  /** The cohort's days of arrival, first and last (YYYY-MM-DD, UK days). */
  first_day: string;
  last_day: string;
  stage: string;
  category: string;
  patients: number | null;
}

export interface IndicatorRow {
  id: string;
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  grains: string;
  breakdowns: string;
}

export interface IndicatorValueRow {
  indicator_id: string;
  org_code: string;
  grain: 'hour' | 'day' | 'week' | 'month';
  /**
   * Hour grain: the UTC instant. Day, week and month: the Europe/London calendar date the
   * period starts on, written as that date at 00:00Z (migration 004) — read its date part.
   */
  period_start: string;
  dimension: string;
  category: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /**
   * The period is not fully covered by the loaded data: still running, starting before the
   * loaded history, or (A&E) holding attendances not yet departed. Never judged (SPC, alerts).
   */
  is_provisional: boolean;
  /** Share of the period's expected site-hours the loaded data covers (1 = complete). */
  coverage: number;
}

export interface InequalitySummaryRow {
  indicator_id: string;
  org_code: string;
  grain: string;
  period_start: string;
  dimension: string;
  most_deprived: number | null;
  least_deprived: number | null;
  gap: number | null;
  gap_lower: number | null;
  gap_upper: number | null;
  sii: number | null;
  sii_lower: number | null;
  sii_upper: number | null;
  rii: number | null;
  rii_lower: number | null;
  rii_upper: number | null;
  unknown_share: number | null;
}

export interface LiveSiteRow {
  site_code: string;
  trust_code: string;
  ics_code: string;
  as_at: string;
  in_department: number;
  longest_wait_minutes: number | null;
  over_12h_in_department: number;
  arrivals_last_hour: number;
  ambulance_arrivals_last_hour: number;
  handovers_over_30_today: number;
  four_hour_performance_today: number | null;
  twelve_hour_waits_today: number;
  ga_beds_core: number | null;
  ga_beds_escalation_open: number | null;
  ga_beds_occupied: number | null;
  ga_beds_free: number | null;
  nctr_patients: number | null;
  updated_at: string;
}

export interface LiveWardRow {
  ward_code: string;
  site_code: string;
  bed_type: string;
  core_beds: number;
  occupied: number;
  free: number;
  as_at: string;
}

export interface OpelRow {
  org_code: string;
  org_name: string | null;
  org_type: string | null;
  assessed_at: string;
  level: 1 | 2 | 3 | 4;
  score: number;
  /** JSON: [{parameter, value, band, points, weight}] */
  drivers: unknown;
}

export interface ForecastRow {
  site_code: string;
  measure: 'arrivals' | 'admissions';
  generated_at: string;
  hour_start: string;
  mean: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface AlertRow {
  alert_id: number;
  rule: string;
  episode_key: string;
  org_code: string | null;
  indicator_id: string | null;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  evidence: unknown;
  status: 'open' | 'acknowledged' | 'resolved';
  raised_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
}

export interface IngestFileRow {
  file_id: number;
  feed: string;
  file_name: string;
  sha256: string;
  bytes: number;
  version: number;
  encoding: string | null;
  status: 'loaded' | 'failed';
  error_code: string | null;
  error_detail: string | null;
  rows_in: number;
  rows_loaded: number;
  rows_quarantined: number;
  rows_duplicate: number;
  received_at: string;
  loaded_at: string | null;
  seconds: number | null;
  /** rows_in = rows_loaded + rows_quarantined + rows_duplicate */
  is_reconciled: boolean;
}

export interface PipelineRunRow {
  run_id: number;
  job: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  attempt: number;
  files: number;
  rows_in: number;
  detail: string | null;
}

export interface QuarantineReasonRow {
  feed: string;
  reason_code: string;
  rows: number;
  files: number;
}

export interface QuarantineRow {
  file_id: number;
  file_name: string;
  feed: string;
  line_number: number | null;
  reason_code: string;
  detail: string | null;
  raw_text: string | null;
}

export interface AuditRow {
  audit_id: number;
  requested_at: string;
  request_id: string | null;
  token_id: string | null;
  /** For a person signed in through a provider: the provider id, its subject and display name. */
  provider: string | null;
  subject: string | null;
  display_name: string | null;
  role: string | null;
  method: string;
  route: string;
  params: unknown;
  rows: number | null;
  status: number;
  ms: number | null;
}

export interface DeliveryFailureRow {
  delivery_id: string;
  report: string;
  period: string;
  recipient: string;
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

/** The disclosure control applied to a response (null when none was). */
export interface DisclosureStatement {
  rule: 'nhs-small-numbers';
  suppress: [number, number];
  round: number;
  one_decimal_from_denominator: number;
  not_controlled: string[];
  intervals: string;
}

/** GET /api/scenarios/:id: one output of a scenario (hour_start null: the whole horizon). */
export type ScenarioValueRow = ScenarioValue;

type Exactly<T, K extends readonly (keyof T)[]> = [Exclude<keyof T, K[number]>] extends [never]
  ? K
  : never;
const columnsOf =
  <T>() =>
  <const K extends readonly (keyof T)[]>(keys: Exactly<T, K>): K =>
    keys;

/** Each row contract's columns, in the order the routes return them. */
export const contractColumns = {
  orgs: columnsOf<OrgRow>()([
    'org_code',
    'org_name',
    'org_type',
    'parent_code',
    'trust_code',
    'ics_code',
    'region_code',
    'is_synthetic',
  ]),
  localAuthorities: columnsOf<LocalAuthorityRow>()(['la_code', 'la_name', 'ics_code']),
  journey: columnsOf<JourneyRow>()([
    'org_code',
    'first_day',
    'last_day',
    'stage',
    'category',
    'patients',
  ]),
  indicatorValues: columnsOf<IndicatorValueRow>()([
    'indicator_id',
    'org_code',
    'grain',
    'period_start',
    'dimension',
    'category',
    'numerator',
    'denominator',
    'value',
    'lower',
    'upper',
    'is_provisional',
    'coverage',
  ]),
  inequalitySummary: columnsOf<InequalitySummaryRow>()([
    'indicator_id',
    'org_code',
    'grain',
    'period_start',
    'dimension',
    'most_deprived',
    'least_deprived',
    'gap',
    'gap_lower',
    'gap_upper',
    'sii',
    'sii_lower',
    'sii_upper',
    'rii',
    'rii_lower',
    'rii_upper',
    'unknown_share',
  ]),
  liveSites: columnsOf<LiveSiteRow>()([
    'site_code',
    'trust_code',
    'ics_code',
    'as_at',
    'in_department',
    'longest_wait_minutes',
    'over_12h_in_department',
    'arrivals_last_hour',
    'ambulance_arrivals_last_hour',
    'handovers_over_30_today',
    'four_hour_performance_today',
    'twelve_hour_waits_today',
    'ga_beds_core',
    'ga_beds_escalation_open',
    'ga_beds_occupied',
    'ga_beds_free',
    'nctr_patients',
    'updated_at',
  ]),
  liveWards: columnsOf<LiveWardRow>()([
    'ward_code',
    'site_code',
    'bed_type',
    'core_beds',
    'occupied',
    'free',
    'as_at',
  ]),
  opel: columnsOf<OpelRow>()([
    'org_code',
    'org_name',
    'org_type',
    'assessed_at',
    'level',
    'score',
    'drivers',
  ]),
  forecasts: columnsOf<ForecastRow>()([
    'site_code',
    'measure',
    'generated_at',
    'hour_start',
    'mean',
    'lower80',
    'upper80',
    'lower95',
    'upper95',
  ]),
  alerts: columnsOf<AlertRow>()([
    'alert_id',
    'rule',
    'episode_key',
    'org_code',
    'indicator_id',
    'severity',
    'title',
    'evidence',
    'status',
    'raised_at',
    'acknowledged_at',
    'acknowledged_by',
    'resolved_at',
  ]),
  ingestFiles: columnsOf<IngestFileRow>()([
    'file_id',
    'feed',
    'file_name',
    'sha256',
    'bytes',
    'version',
    'encoding',
    'status',
    'error_code',
    'error_detail',
    'rows_in',
    'rows_loaded',
    'rows_quarantined',
    'rows_duplicate',
    'received_at',
    'loaded_at',
    'seconds',
    'is_reconciled',
  ]),
  pipelineRuns: columnsOf<PipelineRunRow>()([
    'run_id',
    'job',
    'started_at',
    'finished_at',
    'status',
    'attempt',
    'files',
    'rows_in',
    'detail',
  ]),
  quarantineReasons: columnsOf<QuarantineReasonRow>()(['feed', 'reason_code', 'rows', 'files']),
  quarantine: columnsOf<QuarantineRow>()([
    'file_id',
    'file_name',
    'feed',
    'line_number',
    'reason_code',
    'detail',
    'raw_text',
  ]),
  audit: columnsOf<AuditRow>()([
    'audit_id',
    'requested_at',
    'request_id',
    'token_id',
    'provider',
    'subject',
    'display_name',
    'role',
    'method',
    'route',
    'params',
    'rows',
    'status',
    'ms',
  ]),
  deliveryFailures: columnsOf<DeliveryFailureRow>()([
    'delivery_id',
    'report',
    'period',
    'recipient',
    'attempts',
    'last_error',
    'updated_at',
  ]),
  scenarioValues: columnsOf<ScenarioValueRow>()([
    'org_code',
    'org_name',
    'org_type',
    'hour_start',
    'measure',
    'run',
    'mean',
    'p025',
    'p10',
    'p50',
    'p90',
    'p975',
  ]),
} as const;

export type ContractName = keyof typeof contractColumns;
