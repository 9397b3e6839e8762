import { byarInterval } from './byar-interval.js';
import { checkCount } from './interval-options.js';
import { z95 } from './normal-quantiles.js';

/** One age (or other) stratum of a directly standardised rate. */
export interface StandardisationStratum {
  /** Events observed in the stratum. */
  count: number;
  /** Local population of the stratum (> 0). */
  population: number;
  /** Standard population weight of the stratum (e.g. from esp2013). */
  standardPopulation: number;
}

/** Result of directlyStandardisedRate; value and limits are null when not shown (observed < 10). */
export interface StandardisedRate {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Total observed events O = Σx. */
  observed: number;
}

/**
 * Directly standardised rate with Dobson's interval using Byar's limits for O (docs/nhs-data.md, Statistics):
 * DSR = Σ(xᵢwᵢ/nᵢ)/Σw × multiplier; var = Σxᵢ(wᵢ/nᵢ)²/(Σw)²; limits = DSR + √(var/O)·(Byar(O) − O).
 * Not shown (value, lower, upper null) when O < 10. A stratum with population 0 and count 0 adds
 * nothing; population 0 with events is an error.
 */
export function directlyStandardisedRate(
  strata: ReadonlyArray<StandardisationStratum>,
  { multiplier = 100_000, z = z95 }: { multiplier?: number; z?: number } = {},
): StandardisedRate {
  if (strata.length === 0)
    throw new RangeError('directlyStandardisedRate needs at least one stratum');
  let observed = 0;
  let totalWeight = 0;
  let weightedRate = 0;
  let variance = 0;
  for (const [i, { count, population, standardPopulation }] of strata.entries()) {
    checkCount(count, `strata[${i}].count`);
    if (!(standardPopulation >= 0) || !Number.isFinite(standardPopulation)) {
      throw new RangeError(
        `strata[${i}].standardPopulation must be ≥ 0, got ${standardPopulation}`,
      );
    }
    if (!(population >= 0) || !Number.isFinite(population)) {
      throw new RangeError(`strata[${i}].population must be ≥ 0, got ${population}`);
    }
    totalWeight += standardPopulation;
    if (population === 0) {
      if (count > 0) throw new RangeError(`strata[${i}] has ${count} events but population 0`);
      continue;
    }
    observed += count;
    const ratio = standardPopulation / population;
    weightedRate += count * ratio;
    variance += count * ratio * ratio;
  }
  if (!(totalWeight > 0)) throw new RangeError('standard population weights sum to 0');
  if (observed < 10) return { value: null, lower: null, upper: null, observed };
  const dsr = weightedRate / totalWeight;
  const sd = Math.sqrt(variance / (totalWeight * totalWeight) / observed);
  const byar = byarInterval(observed, { z });
  return {
    value: dsr * multiplier,
    lower: (dsr + sd * (byar.lower - observed)) * multiplier,
    upper: (dsr + sd * (byar.upper - observed)) * multiplier,
    observed,
  };
}
