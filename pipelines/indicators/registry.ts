import type { FeedName } from '../feeds/feed.js';

export type IndicatorUnit = 'proportion' | 'rate_per_100k' | 'count' | 'minutes' | 'days' | 'beds';
export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neither';
export type Grain = 'hour' | 'day' | 'week' | 'month';
export type OrgLevel = 'site' | 'trust' | 'ics' | 'region' | 'england';
export type Dimension =
  | 'total'
  | 'imd_decile'
  | 'imd_quintile'
  | 'core20'
  | 'ethnic_group'
  | 'age_band'
  | 'sex'
  | 'admission'
  | 'pathway'
  | 'local_authority'
  | 'day_type';

/**
 * How an indicator's site-day statistics roll up and which interval it carries:
 * proportion → Wilson; count → exact Poisson below 10, Byar from 10; mean → normal from Σx²;
 * stock → mean daily level over the period (no interval); ratio → Σnum/Σden (no interval);
 * rate → per 100,000 population, Poisson on the count; dsr → Dobson with ESP 2013;
 * percentile → from patient-level rows (no interval).
 */
export type IndicatorKind =
  'proportion' | 'count' | 'mean' | 'stock' | 'ratio' | 'rate' | 'dsr' | 'percentile';

/** A target as data: met when value `comparison` target, from `from` (YYYY-MM-DD) on. */
export interface IndicatorTarget {
  value: number;
  comparison: '>=' | '<=';
  from: string;
  label: string;
  /** Constitutional standards are shown but not alerted on. */
  constitutional?: boolean;
}

// A type alias (not an interface) so it is assignable to index-signature shapes.
export type IndicatorDefinition = {
  id: string;
  title: string;
  definition: string;
  numerator: string;
  denominator: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  kind: IndicatorKind;
  targets: IndicatorTarget[];
  grains: Grain[];
  levels: OrgLevel[];
  /** Dimensions besides 'total', from day grain up. */
  breakdowns: Dimension[];
  source: FeedName;
  /** Also produced at month grain from NHS England's published monthly file. */
  published: boolean;
  interval: 'wilson' | 'poisson' | 'dobson' | 'normal' | 'none';
  /** The SQL under pipelines/models that computes it. */
  sql: string;
};

const allGrains: Grain[] = ['hour', 'day', 'week', 'month'];
const dayUp: Grain[] = ['day', 'week', 'month'];
const feedLevels: OrgLevel[] = ['site', 'trust', 'ics', 'region'];
const populationLevels: OrgLevel[] = ['ics', 'region'];
const people: Dimension[] = [
  'imd_decile',
  'imd_quintile',
  'core20',
  'ethnic_group',
  'age_band',
  'sex',
];
const aeBreakdowns: Dimension[] = [...people, 'admission'];

const fourHourTargets: IndicatorTarget[] = [
  { value: 0.76, comparison: '>=', from: '2024-03-01', label: '76% by March 2024' },
  { value: 0.78, comparison: '>=', from: '2025-03-01', label: '78% by March 2025 (2025/26 plan)' },
  {
    value: 0.95,
    comparison: '>=',
    from: '2004-01-01',
    label: '95% constitutional standard',
    constitutional: true,
  },
];

function ae(
  definition: Omit<IndicatorDefinition, 'source' | 'sql' | 'levels' | 'published' | 'grains'> &
    Partial<Pick<IndicatorDefinition, 'published' | 'grains' | 'levels' | 'sql'>>,
): IndicatorDefinition {
  return {
    source: 'ae',
    sql: 'ae-site-measures.sql',
    levels: feedLevels,
    grains: allGrains,
    published: false,
    ...definition,
  };
}

/**
 * Every indicator the observatory computes. A&E measures exclude planned follow-ups
 * (attendance category 4), and completed-attendance measures exclude patients still in the
 * department (no departure yet). A&E measures are counted in the period of arrival.
 * Age bands are the 19 ESP 2013 bands ('0-4' … '90+', 'Unknown'), so rates can be
 * age-standardised from the same rows.
 */
export const indicators: IndicatorDefinition[] = [
  ae({
    id: 'ae_attendances',
    title: 'A&E attendances',
    definition: 'Unplanned attendances at A&E (all department types, booked included).',
    numerator: 'attendances (category 4 planned follow-ups excluded)',
    denominator: 'none',
    unit: 'count',
    polarity: 'neither',
    kind: 'count',
    targets: [],
    breakdowns: aeBreakdowns,
    published: true,
    interval: 'poisson',
  }),
  ae({
    id: 'ae_4h_performance',
    title: 'A&E 4-hour performance (all types)',
    definition:
      'Share of completed A&E attendances (all types, booked appointments included) that left within 4 hours of arrival.',
    numerator: 'completed attendances with departure − arrival ≤ 240 minutes',
    denominator: 'completed attendances',
    unit: 'proportion',
    polarity: 'higher_is_better',
    kind: 'proportion',
    targets: fourHourTargets,
    breakdowns: aeBreakdowns,
    published: true,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_4h_performance_type1',
    title: 'A&E 4-hour performance (type 1)',
    definition: 'Share of completed type 1 (major) A&E attendances that left within 4 hours.',
    numerator: 'completed type 01 attendances within 240 minutes',
    denominator: 'completed type 01 attendances',
    unit: 'proportion',
    polarity: 'higher_is_better',
    kind: 'proportion',
    targets: [],
    breakdowns: aeBreakdowns,
    published: true,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_12h_from_arrival',
    title: '12 hours or more in A&E from arrival',
    definition: 'Share of completed attendances that spent more than 12 hours in the department.',
    numerator: 'completed attendances with departure − arrival > 720 minutes',
    denominator: 'completed attendances',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'proportion',
    targets: [
      {
        value: 0.1,
        comparison: '<=',
        from: '2025-04-01',
        label: 'under 10% of attendances (2025/26)',
      },
    ],
    breakdowns: aeBreakdowns,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_12h_from_dta',
    title: '12-hour waits from decision to admit',
    definition: 'Patients admitted more than 12 hours after the decision to admit them.',
    numerator: 'admitted attendances with departure − decision to admit > 720 minutes',
    denominator: 'none',
    unit: 'count',
    polarity: 'lower_is_better',
    kind: 'count',
    targets: [],
    breakdowns: people,
    published: true,
    interval: 'poisson',
  }),
  ae({
    id: 'ae_12h_from_dta_share',
    title: '12-hour waits from decision to admit, share of emergency admissions via A&E',
    definition: 'Twelve-hour trolley waits as a share of emergency admissions through A&E.',
    numerator: 'admitted attendances with departure − decision to admit > 720 minutes',
    denominator: 'attendances admitted (emergency admissions via A&E)',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'proportion',
    targets: [],
    breakdowns: people,
    published: true,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_emergency_admissions',
    title: 'Emergency admissions via A&E',
    definition: 'Attendances that ended in admission to hospital.',
    numerator: 'attendances with disposal admitted',
    denominator: 'none',
    unit: 'count',
    polarity: 'neither',
    kind: 'count',
    targets: [],
    breakdowns: people,
    published: true,
    interval: 'poisson',
  }),
  ae({
    id: 'ae_time_in_department',
    title: 'Mean time in A&E',
    definition: 'Mean minutes from arrival to departure of completed attendances.',
    numerator: 'Σ (departure − arrival) minutes',
    denominator: 'completed attendances',
    unit: 'minutes',
    polarity: 'lower_is_better',
    kind: 'mean',
    targets: [],
    breakdowns: aeBreakdowns,
    interval: 'normal',
  }),
  ae({
    id: 'ae_time_in_department_median',
    title: 'Median time in A&E',
    definition: 'Median minutes from arrival to departure of completed attendances.',
    numerator: 'median (departure − arrival) minutes',
    denominator: 'completed attendances',
    unit: 'minutes',
    polarity: 'lower_is_better',
    kind: 'percentile',
    targets: [],
    breakdowns: ['admission'],
    interval: 'none',
    sql: 'ae-time-percentiles.sql',
  }),
  ae({
    id: 'ae_time_in_department_p95',
    title: '95th percentile time in A&E',
    definition: '95th percentile of minutes from arrival to departure of completed attendances.',
    numerator: '95th percentile (departure − arrival) minutes',
    denominator: 'completed attendances',
    unit: 'minutes',
    polarity: 'lower_is_better',
    kind: 'percentile',
    targets: [],
    breakdowns: ['admission'],
    interval: 'none',
    sql: 'ae-time-percentiles.sql',
  }),
  ae({
    id: 'time_to_initial_assessment',
    title: 'Mean time to initial assessment',
    definition: 'Mean minutes from arrival to initial assessment, where recorded.',
    numerator: 'Σ (initial assessment − arrival) minutes',
    denominator: 'attendances with an initial assessment time',
    unit: 'minutes',
    polarity: 'lower_is_better',
    kind: 'mean',
    targets: [],
    breakdowns: people,
    interval: 'normal',
  }),
  ae({
    id: 'ambulance_arrivals',
    title: 'Ambulance arrivals',
    definition: 'Attendances arriving by ambulance (road or air).',
    numerator: 'attendances with arrival mode ambulance',
    denominator: 'none',
    unit: 'count',
    polarity: 'neither',
    kind: 'count',
    targets: [],
    breakdowns: people,
    interval: 'poisson',
  }),
  ae({
    id: 'ambulance_handover_over_30',
    title: 'Ambulance handovers over 30 minutes',
    definition: 'Share of ambulance handovers that took more than 30 minutes from arrival.',
    numerator: 'handovers with handover − arrival > 30 minutes',
    denominator: 'ambulance arrivals with a handover time',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'proportion',
    targets: [
      { value: 0, comparison: '<=', from: '2025-04-01', label: 'no handover over 30 minutes' },
    ],
    breakdowns: people,
    interval: 'wilson',
  }),
  ae({
    id: 'ambulance_handover_over_60',
    title: 'Ambulance handovers over 60 minutes',
    definition: 'Share of ambulance handovers that took more than 60 minutes from arrival.',
    numerator: 'handovers with handover − arrival > 60 minutes',
    denominator: 'ambulance arrivals with a handover time',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'proportion',
    targets: [],
    breakdowns: people,
    interval: 'wilson',
  }),
  ae({
    id: 'ambulance_handover_mean',
    title: 'Mean ambulance handover time',
    definition: 'Mean minutes from ambulance arrival to clinical handover.',
    numerator: 'Σ (handover − arrival) minutes',
    denominator: 'ambulance arrivals with a handover time',
    unit: 'minutes',
    polarity: 'lower_is_better',
    kind: 'mean',
    targets: [
      { value: 15, comparison: '<=', from: '2025-04-01', label: 'handover within 15 minutes' },
    ],
    breakdowns: people,
    interval: 'normal',
  }),
  ae({
    id: 'reattendance_7d',
    title: 'Unplanned re-attendance within 7 days',
    definition:
      'Share of unplanned attendances by a patient who had attended A&E in this warehouse in the previous 7 days.',
    numerator: 'attendances with an earlier attendance of the same patient ≤ 7 days before',
    denominator: 'attendances with a patient pseudonym',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'proportion',
    targets: [],
    breakdowns: people,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_booked_online',
    title: 'Attendances booked through NHS 111 online',
    definition:
      'Share of attendances whose source was NHS 111 online: the digital-inequality lens, read by age, deprivation and ethnicity.',
    numerator: 'attendances with source NHS 111 online',
    denominator: 'attendances',
    unit: 'proportion',
    polarity: 'neither',
    kind: 'proportion',
    targets: [],
    breakdowns: people,
    interval: 'wilson',
  }),
  ae({
    id: 'ae_attendance_rate',
    title: 'A&E attendance rate per 100,000 population',
    definition:
      'Attendances at the area’s sites in the period per 100,000 resident population (not annualised). Computed for ICS and region only: sites and trusts have no catchment population.',
    numerator: 'attendances',
    denominator: 'resident population (population table) of the ICS or region',
    unit: 'rate_per_100k',
    polarity: 'neither',
    kind: 'rate',
    targets: [],
    grains: dayUp,
    levels: populationLevels,
    breakdowns: people,
    interval: 'poisson',
    sql: 'population-rates.sql',
  }),
  ae({
    id: 'ae_attendance_rate_dsr',
    title: 'A&E attendance rate per 100,000, age-standardised',
    definition:
      'Directly standardised attendance rate per 100,000 (European Standard Population 2013, 19 bands; Dobson interval; not shown below 10 attendances).',
    numerator: 'attendances by ESP age band',
    denominator: 'resident population by ESP age band',
    unit: 'rate_per_100k',
    polarity: 'neither',
    kind: 'dsr',
    targets: [],
    grains: dayUp,
    levels: populationLevels,
    breakdowns: [],
    interval: 'dobson',
    sql: 'population-dsr.sql',
  }),
  ae({
    id: 'admission_rate',
    title: 'Emergency admission rate (via A&E) per 100,000 population',
    definition: 'Emergency admissions through A&E in the period per 100,000 resident population.',
    numerator: 'attendances admitted',
    denominator: 'resident population of the ICS or region',
    unit: 'rate_per_100k',
    polarity: 'neither',
    kind: 'rate',
    targets: [],
    grains: dayUp,
    levels: populationLevels,
    breakdowns: people,
    interval: 'poisson',
    sql: 'population-rates.sql',
  }),
  {
    id: 'ga_bed_occupancy',
    title: 'G&A bed occupancy',
    definition:
      'Occupied general and acute beds (adult and paediatric) over available core and escalation beds, at the 08:00 sitrep snapshot; over a week or month, occupied bed-days over available bed-days.',
    numerator: 'occupied G&A beds',
    denominator: 'available G&A beds (core + escalation)',
    unit: 'proportion',
    polarity: 'lower_is_better',
    kind: 'ratio',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: [],
    source: 'sitrep',
    published: false,
    interval: 'none',
    sql: 'sitrep-site-measures.sql',
  },
  {
    id: 'escalation_beds_open',
    title: 'Escalation beds open',
    definition:
      'G&A escalation beds available at the 08:00 snapshot (mean daily level over a week or month).',
    numerator: 'escalation G&A beds available',
    denominator: 'days with a snapshot',
    unit: 'beds',
    polarity: 'lower_is_better',
    kind: 'stock',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: [],
    source: 'sitrep',
    published: false,
    interval: 'none',
    sql: 'sitrep-site-measures.sql',
  },
  {
    id: 'long_stay_21d',
    title: 'Patients in hospital 21 days or more',
    definition:
      'G&A patients with a length of stay of 21+ days at the 08:00 snapshot (mean daily level).',
    numerator: 'patients with length of stay 21+ days',
    denominator: 'days with a snapshot',
    unit: 'count',
    polarity: 'lower_is_better',
    kind: 'stock',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: [],
    source: 'sitrep',
    published: false,
    interval: 'none',
    sql: 'sitrep-site-measures.sql',
  },
  {
    id: 'length_of_stay_mean',
    title: 'Mean length of stay',
    definition:
      'Mean days from admission to discharge of inpatient spells discharged in the period (ADT).',
    numerator: 'Σ (discharge − admission) days',
    denominator: 'spells discharged',
    unit: 'days',
    polarity: 'lower_is_better',
    kind: 'mean',
    targets: [],
    grains: allGrains,
    levels: feedLevels,
    breakdowns: ['age_band', 'sex'],
    source: 'adt',
    published: false,
    interval: 'normal',
    sql: 'spell-site-measures.sql',
  },
  {
    id: 'nctr_patients',
    title: 'Patients with no criteria to reside',
    definition:
      'Patients in hospital at the end of the day who no longer met the criteria to reside (ready date on or before the day, not yet discharged); mean daily level over a week or month.',
    numerator: 'patients with a ready date ≤ day and no discharge by the end of the day',
    denominator: 'days',
    unit: 'count',
    polarity: 'lower_is_better',
    kind: 'stock',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: [],
    source: 'discharge',
    published: false,
    interval: 'none',
    sql: 'discharge-site-measures.sql',
  },
  {
    id: 'nctr_bed_days_lost',
    title: 'Bed-days lost to delayed discharge',
    definition: 'Bed-days occupied by patients who no longer met the criteria to reside.',
    numerator: 'Σ over days of patients with no criteria to reside',
    denominator: 'none',
    unit: 'days',
    polarity: 'lower_is_better',
    kind: 'count',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: [],
    source: 'discharge',
    published: false,
    interval: 'poisson',
    sql: 'discharge-site-measures.sql',
  },
  {
    id: 'discharges',
    title: 'Discharges of patients with a ready date',
    definition:
      'Discharges (with a discharge ready date) by pathway, local authority and weekday or weekend.',
    numerator: 'discharges',
    denominator: 'none',
    unit: 'count',
    polarity: 'neither',
    kind: 'count',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: ['pathway', 'local_authority', 'day_type', 'age_band', 'sex'],
    source: 'discharge',
    published: false,
    interval: 'poisson',
    sql: 'discharge-site-measures.sql',
  },
  {
    id: 'discharge_delay_days',
    title: 'Mean discharge delay',
    definition: 'Mean days from the discharge ready date to discharge (0-day delays included).',
    numerator: 'Σ (discharge date − ready date) days',
    denominator: 'discharges with a ready date',
    unit: 'days',
    polarity: 'lower_is_better',
    kind: 'mean',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: ['pathway', 'local_authority', 'day_type', 'age_band', 'sex'],
    source: 'discharge',
    published: false,
    interval: 'normal',
    sql: 'discharge-site-measures.sql',
  },
  {
    id: 'discharges_same_day_ready',
    title: 'Discharged on the day they became ready',
    definition: 'Share of discharges with a ready date that happened on that date.',
    numerator: 'discharges with delay 0 days',
    denominator: 'discharges with a ready date',
    unit: 'proportion',
    polarity: 'higher_is_better',
    kind: 'proportion',
    targets: [],
    grains: dayUp,
    levels: feedLevels,
    breakdowns: ['pathway', 'local_authority', 'day_type', 'age_band', 'sex'],
    source: 'discharge',
    published: false,
    interval: 'wilson',
    sql: 'discharge-site-measures.sql',
  },
];

/** The registry under the name the API reads it by. */
export const indicatorRegistry: readonly IndicatorDefinition[] = indicators;

const byId = new Map(indicators.map((definition) => [definition.id, definition]));

/** The registry entry for `id`; throws a specific error for an unknown id. */
export function indicatorById(id: string): IndicatorDefinition {
  const definition = byId.get(id);
  if (!definition) throw new Error(`unknown indicator ${JSON.stringify(id)}`);
  return definition;
}
