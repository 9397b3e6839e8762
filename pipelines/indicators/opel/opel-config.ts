/** An OPEL parameter the scoring reads for each trust. */
export type OpelParameter =
  'ambulance_handover_mean' | 'ed_over_12h_share' | 'ed_occupancy' | 'ga_occupancy' | 'nctr_share';

export interface OpelParameterConfig {
  parameter: OpelParameter;
  /** Ascending band edges: points = how many edges the value is above (0 … edges.length). */
  bands: number[];
  weight: number;
}

/**
 * OPEL-style scoring: each parameter scores 0–3 points from its bands, the trust score is the
 * weighted mean of the points of the parameters that have a value, and the level is the
 * highest level whose cut-off the score reaches. The ICS score is the mean of its trusts'
 * scores weighted by G&A core beds; its level is from the same cut-offs, but never more than
 * one level below its most escalated trust.
 */
export interface OpelConfig {
  parameters: OpelParameterConfig[];
  /** Minimum scores of levels 2, 3 and 4 (level 1 below the first). */
  cutOffs: [number, number, number];
  /** Patients an ED holds at full occupancy, per site. */
  edCapacity: Record<string, number>;
  /** Capacity for a site with none configured, by its A&E department type ('01', …) or 'other'. */
  defaultEdCapacity: Record<string, number>;
  /** Hours of ambulance arrivals behind the mean handover time. */
  handoverWindowHours: number;
  /** Shown wherever levels are: the scoring is illustrative unless configured. */
  note: string;
}

/**
 * ILLUSTRATIVE default. The integrated OPEL framework 2024–26 acute parameters, bands, weights
 * and cut-offs were not available to us (docs/nhs-data.md, OPEL); these numbers are placeholders chosen
 * to read sensibly, not NHS England's. Configure `settings.opel` to replace any of them.
 */
export const defaultOpelConfig: OpelConfig = {
  parameters: [
    { parameter: 'ambulance_handover_mean', bands: [15, 30, 45], weight: 1 },
    { parameter: 'ed_over_12h_share', bands: [0.02, 0.05, 0.1], weight: 1 },
    { parameter: 'ed_occupancy', bands: [0.85, 1, 1.2], weight: 1 },
    { parameter: 'ga_occupancy', bands: [0.85, 0.92, 0.97], weight: 1.5 },
    { parameter: 'nctr_share', bands: [0.1, 0.15, 0.2], weight: 1 },
  ],
  cutOffs: [0.75, 1.5, 2.25],
  edCapacity: {},
  // A type 1 department of 250–400 attendances a day (England's providers, MSitAE) holds
  // 55–90 patients on average at England's time in department: 40 read every such ED as over
  // 140% full at all hours (docs/calibration.md).
  defaultEdCapacity: { '01': 70, other: 20 },
  handoverWindowHours: 24,
  note: 'Illustrative OPEL-style scoring: the published acute parameters, bands, weights and cut-offs were not available; these are configurable placeholders.',
};

const parameterNames: OpelParameter[] = [
  'ambulance_handover_mean',
  'ed_over_12h_share',
  'ed_occupancy',
  'ga_occupancy',
  'nctr_share',
];

/** The OPEL configuration from `settings.opel` over the illustrative default, validated. */
export function opelConfigFrom(settings: Record<string, unknown> = {}): OpelConfig {
  const given = settings.opel;
  if (given === undefined) return defaultOpelConfig;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new Error('settings.opel must be an object');
  }
  const config = { ...defaultOpelConfig, ...(given as Partial<OpelConfig>) };
  for (const [i, entry] of config.parameters.entries()) {
    if (!parameterNames.includes(entry.parameter)) {
      throw new Error(
        `settings.opel.parameters[${i}].parameter must be one of ${parameterNames.join(', ')}, got ${JSON.stringify(entry.parameter)}`,
      );
    }
    const sorted = entry.bands.every((edge, k) => k === 0 || edge > entry.bands[k - 1]);
    if (!Array.isArray(entry.bands) || entry.bands.length === 0 || !sorted) {
      throw new Error(`settings.opel.parameters[${i}].bands must be ascending numbers`);
    }
    if (!(entry.weight > 0)) {
      throw new Error(`settings.opel.parameters[${i}].weight must be > 0, got ${entry.weight}`);
    }
  }
  const [two, three, four] = config.cutOffs;
  if (!(two < three && three < four)) {
    throw new Error('settings.opel.cutOffs must be three ascending scores (levels 2, 3, 4)');
  }
  return config;
}
