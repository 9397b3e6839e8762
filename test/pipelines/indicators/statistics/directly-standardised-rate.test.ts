import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  directlyStandardisedRate,
  esp2013,
  poissonRateInterval,
} from '../../../../pipelines/indicators/statistics/index.js';

describe('esp2013', () => {
  it('has the 19 bands 0–4 … 90+ with weights summing to 100,000', () => {
    expect(esp2013).toHaveLength(19);
    expect(esp2013[0]).toEqual({ ageBand: '0-4', ageFrom: 0, ageTo: 4, weight: 5000 });
    expect(esp2013[18]).toEqual({ ageBand: '90+', ageFrom: 90, ageTo: null, weight: 1000 });
    expect(esp2013.reduce((sum, band) => sum + band.weight, 0)).toBe(100_000);
    expect(esp2013.map((band) => band.weight).slice(7, 11)).toEqual([7000, 7000, 7000, 7000]);
  });
});

describe('directlyStandardisedRate(strata)', () => {
  it('follows Dobson with Byar (docs/nhs-data.md, Statistics) on a worked three-band example', () => {
    const strata = [
      { count: 5, population: 1_000, standardPopulation: 5_000 },
      { count: 20, population: 2_000, standardPopulation: 3_000 },
      { count: 40, population: 500, standardPopulation: 2_000 },
    ];
    // By hand: DSR = (5·5 + 20·1.5 + 40·4)/10,000 = 215/10,000 = 0.0215 → 2,150 per 100,000.
    // var = (5·25 + 20·2.25 + 40·16)/10,000² = 810/1e8; O = 65; √(var/O) = √(810/65)/1e4.
    const result = directlyStandardisedRate(strata);
    expect(result.observed).toBe(65);
    expect(result.value).toBeCloseTo(2150, 9);
    // Byar's limits for O = 65 are PHEindicatormethods' 50.16318771 and 82.84913855, so the
    // limits are 2,150 + √(810/65)·10·(50.16318771 − 65) and the same with 82.84913855.
    expect(result.lower).toBeCloseTo(1626.247109, 5);
    expect(result.upper).toBeCloseTo(2780.090732, 5);
  });

  it('equals the crude rate with Byar limits for a single stratum', () => {
    const result = directlyStandardisedRate([
      { count: 30, population: 12_000, standardPopulation: 1 },
    ]);
    const crude = poissonRateInterval(30, 12_000);
    expect(result.value).toBeCloseTo(crude.value!, 9);
    expect(result.lower).toBeCloseTo(crude.lower!, 9);
    expect(result.upper).toBeCloseTo(crude.upper!, 9);
  });

  it('equals the common rate when every band has the same rate', () => {
    const strata = esp2013.map((band) => ({
      count: 4,
      population: 2_000,
      standardPopulation: band.weight,
    }));
    expect(directlyStandardisedRate(strata).value).toBeCloseTo(200, 9);
  });

  it('is not shown when fewer than 10 events are observed', () => {
    const result = directlyStandardisedRate([
      { count: 4, population: 100, standardPopulation: 5000 },
      { count: 5, population: 100, standardPopulation: 5500 },
    ]);
    expect(result).toEqual({ value: null, lower: null, upper: null, observed: 9 });
  });

  it('rejects events with no population and an empty list', () => {
    expect(() =>
      directlyStandardisedRate([{ count: 2, population: 0, standardPopulation: 5000 }]),
    ).toThrow(/population 0/);
    expect(() => directlyStandardisedRate([])).toThrow(/at least one stratum/);
  });

  it('keeps lower ≤ value ≤ upper', () => {
    const stratum = fc.record({
      count: fc.nat(500),
      population: fc.integer({ min: 1, max: 200_000 }),
      standardPopulation: fc.constantFrom(...esp2013.map((band) => band.weight)),
    });
    fc.assert(
      fc.property(fc.array(stratum, { minLength: 1, maxLength: 19 }), (strata) => {
        const { value, lower, upper, observed } = directlyStandardisedRate(strata);
        if (observed < 10) return value === null && lower === null && upper === null;
        return lower! <= value! && value! <= upper!;
      }),
    );
  });
});
