import { describe, expect, it } from 'vitest';
import {
  directlyStandardisedRate,
  esp2013,
  seededNormal,
  seededRandom,
  slopeIndexOfInequality,
  wilsonInterval,
  xmr,
} from '../../../../pipelines/indicators/statistics/index.js';

/*
 * What the statistics refuse, each with a message naming the input, and the fixed tables and
 * generators they are built on, checked against independent references.
 */

const stratum = (count: number, population: number, standardPopulation: number) => ({
  count,
  population,
  standardPopulation,
});

describe('directlyStandardisedRate: inputs', () => {
  it('refuses a negative or non-finite population of either kind, naming the stratum', () => {
    for (const bad of [-1, Number.NaN, Infinity]) {
      expect(() => directlyStandardisedRate([stratum(1, 10, 5), stratum(1, 10, bad)])).toThrow(
        `strata[1].standardPopulation must be ≥ 0, got ${bad}`,
      );
      expect(() => directlyStandardisedRate([stratum(1, bad, 5)])).toThrow(
        `strata[0].population must be ≥ 0, got ${bad}`,
      );
    }
    expect(() => directlyStandardisedRate([stratum(-1, 10, 5)])).toThrow(
      'strata[0].count must be a whole number ≥ 0, got -1',
    );
  });

  it('refuses events in a stratum with no population, and standard weights that sum to 0', () => {
    expect(() => directlyStandardisedRate([stratum(3, 0, 5)])).toThrow(
      'strata[0] has 3 events but population 0',
    );
    expect(() => directlyStandardisedRate([stratum(20, 100, 0)])).toThrow(
      'standard population weights sum to 0',
    );
  });

  it('takes an empty stratum (no events, no population) and a zero standard weight in part', () => {
    const rate = directlyStandardisedRate([
      stratum(0, 0, 5),
      stratum(20, 100, 5),
      stratum(0, 50, 0),
    ]);
    expect(rate.observed).toBe(20);
    expect(rate.value).toBeCloseTo((20 / 100) * 0.5 * 100_000, 6);
  });

  it('gives a rate from 10 events and none below', () => {
    expect(directlyStandardisedRate([stratum(9, 1000, 1)])).toEqual({
      value: null,
      lower: null,
      upper: null,
      observed: 9,
    });
    const ten = directlyStandardisedRate([stratum(10, 1000, 1)]);
    expect(ten.value).toBeCloseTo(1000, 9);
    expect(ten.lower).not.toBeNull();
  });
});

describe('wilsonInterval: inputs', () => {
  it('names the count it refuses', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow('x must be a whole number ≥ 0, got -1');
    expect(() => wilsonInterval(1, 2.5)).toThrow('n must be a whole number ≥ 0, got 2.5');
    for (const z of [0, -1.96, Number.NaN, Infinity])
      expect(() => wilsonInterval(1, 10, { z })).toThrow(`z must be a positive number, got ${z}`);
  });

  it('has a lower limit of 0 for none of n, and above 0 for one', () => {
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(1, 10).lower).toBeGreaterThan(0);
  });
});

describe('slopeIndexOfInequality: inputs', () => {
  const groups = [
    { value: 0.6, standardError: 0.02, populationShare: 1 },
    { value: 0.7, standardError: 0.02, populationShare: 1 },
  ];
  it('needs two groups, whole samples ≥ 1, a known scale and standard errors ≥ 0', () => {
    expect(() => slopeIndexOfInequality(groups.slice(0, 1))).toThrow(
      'slopeIndexOfInequality needs at least two groups',
    );
    for (const samples of [0, 1.5, -3])
      expect(() => slopeIndexOfInequality(groups, { samples })).toThrow(
        `samples must be a whole number ≥ 1, got ${samples}`,
      );
    expect(() =>
      slopeIndexOfInequality(groups, { scale: 'probit' as unknown as 'linear' }),
    ).toThrow('scale must be linear, log or logit, got probit');
    for (const standardError of [-0.1, Number.NaN])
      expect(() => slopeIndexOfInequality([groups[0]!, { ...groups[1]!, standardError }])).toThrow(
        `groups[1].standardError must be ≥ 0, got ${standardError}`,
      );
  });

  it('works with two groups and one sample', () => {
    // Equal halves sit at ranks 0.25 and 0.75: 0.1 apart over half the range is 0.2 across it.
    const result = slopeIndexOfInequality(groups, { samples: 1 });
    expect(result.sii).toBeCloseTo(0.2, 9);
  });
});

describe('xmr: inputs', () => {
  const points = Array.from({ length: 15 }, (_, i) => ({
    period: `2025-01-${String(i + 1).padStart(2, '0')}`,
    value: 10 + (i % 3),
  }));
  it('refuses an unknown preset, a baseline under 2 points, a value and a target not finite', () => {
    expect(() => xmr(points, { improvement: 'up', preset: 'other' as unknown as 'nhse' })).toThrow(
      'preset must be nhse or plotthedots, got other',
    );
    for (const baselinePoints of [1, 0, 2.5])
      expect(() => xmr(points, { improvement: 'up', baselinePoints })).toThrow(
        `baselinePoints must be a whole number ≥ 2, got ${baselinePoints}`,
      );
    expect(xmr(points, { improvement: 'up', baselinePoints: 2 }).points).toHaveLength(15);
    expect(() =>
      xmr([...points, { period: '2025-02-01', value: Infinity }], { improvement: 'up' }),
    ).toThrow('value for period 2025-02-01 is not a finite number');
    expect(() => xmr(points, { improvement: 'up', target: Number.NaN })).toThrow(
      'target must be a finite number, got NaN',
    );
  });
});

describe('esp2013', () => {
  it('has the 19 bands 0-4, 5-9, …, 85-89 and 90+, each with its first and last age', () => {
    expect(esp2013.map((band) => band.ageBand)).toEqual([
      ...Array.from({ length: 18 }, (_, i) => `${i * 5}-${i * 5 + 4}`),
      '90+',
    ]);
    expect(esp2013[3]).toMatchObject({ ageBand: '15-19', ageFrom: 15, ageTo: 19 });
    expect(esp2013[18]).toMatchObject({ ageFrom: 90, ageTo: null });
  });
});

describe('seededRandom and seededNormal', () => {
  // mulberry32's published reference sequence for seed 1, and Box–Muller pairs (cos, then sin)
  // of its draws for seed 7, worked out independently.
  it('gives mulberry32’s sequence', () => {
    const one = seededRandom(1);
    const first = [one(), one(), one(), one()];
    [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741].forEach(
      (expected, i) => expect(first[i]).toBeCloseTo(expected, 15),
    );
  });

  it('gives both values of each Box–Muller pair in turn', () => {
    const normal = seededNormal(7);
    const drawn = [normal(), normal(), normal(), normal()];
    [2.759372987028844, 1.131981118666697, -0.06805135650735404, -0.2051715356805072].forEach(
      (expected, i) => expect(drawn[i]).toBeCloseTo(expected, 12),
    );
  });
});
