import type { OpelConfig, OpelParameter } from './opel-config.js';

/** One parameter's part in a level: the drivers stored with it in opel_level. */
export interface OpelDriver {
  parameter: string;
  value: number | null;
  band: number | null;
  points: number | null;
  weight: number;
}

export interface OpelScore {
  level: 1 | 2 | 3 | 4;
  score: number;
  drivers: OpelDriver[];
}

/** The level 1–4 a score reaches under the configured cut-offs. */
export function opelLevelOf(score: number, cutOffs: OpelConfig['cutOffs']): 1 | 2 | 3 | 4 {
  if (score >= cutOffs[2]) return 4;
  if (score >= cutOffs[1]) return 3;
  if (score >= cutOffs[0]) return 2;
  return 1;
}

/**
 * Scores one trust: each configured parameter with a value gets points = the number of its
 * band edges the value exceeds; score = Σ weight·points / Σ weight. No values: level 1, score 0.
 */
export function scoreOpel(
  values: Partial<Record<OpelParameter, number | null>>,
  config: OpelConfig,
): OpelScore {
  let weighted = 0;
  let weights = 0;
  const drivers = config.parameters.map(({ parameter, bands, weight }) => {
    const value = values[parameter];
    if (value === null || value === undefined || !Number.isFinite(value)) {
      return { parameter, value: null, band: null, points: null, weight };
    }
    const points = bands.filter((edge) => value > edge).length;
    weighted += weight * points;
    weights += weight;
    return { parameter, value, band: points, points, weight };
  });
  const score = weights > 0 ? weighted / weights : 0;
  return { level: opelLevelOf(score, config.cutOffs), score, drivers };
}
