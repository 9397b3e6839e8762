import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  spcColours,
  xmr,
  type XmrOptions,
} from '../../../../pipelines/indicators/statistics/index.js';

/** Daily periods from 2024-01-01 for a list of values. */
function series(values: Array<number | null>, from = Date.UTC(2024, 0, 1)) {
  return values.map((value, i) => ({
    period: new Date(from + i * 86_400_000).toISOString().slice(0, 10),
    value,
  }));
}

/** 1-based positions of the points carrying a rule. */
function flagged(result: ReturnType<typeof xmr>, rule: string): number[] {
  return result.points.flatMap((point, i) => (point.rules.includes(rule as never) ? [i + 1] : []));
}

// A quiet background: alternating ±1 around 10 (MR̄ = 2 → limits 10 ± 5.32, 2σ at 10 ± 3.55).
const quiet = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 11 : 9));

// set.seed(123); rnorm(20): the data of NHSRplotthedots tests/testthat/test-ptd_spc_standard.R.
const rnorm123 = [
  -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123,
  -0.68685285, -0.44566197, 1.2240818, 0.35981383, 0.40077145, 0.11068272, -0.55584113, 1.78691314,
  0.49785048, -1.96661716, 0.7013559, -0.47279141,
];

describe('xmr(points, options): published NHSRplotthedots expectations', () => {
  it('matches the ptd_spc_standard snapshot: mean 0.142, limits −3.01 and 3.29', () => {
    // tests/testthat/_snaps/ptd_spc_standard.md, with screen_outliers = TRUE.
    const result = xmr(series(rnorm123), { preset: 'plotthedots', improvement: 'up' });
    const first = result.points[0];
    expect(first.mean!.toFixed(3)).toBe('0.142');
    expect(first.lowerLimit!.toFixed(2)).toBe('-3.01');
    expect(first.upperLimit!.toFixed(2)).toBe('3.29');
    expect(result.points.every((point) => point.variation === 'common')).toBe(true);
  });

  it('screens moving ranges: an outlier widens unscreened limits more than screened ones', () => {
    // Same test: y[15] <- 10; screened and unscreened limits differ, unscreened are wider.
    const values = [...rnorm123];
    values[14] = 10;
    const screened = xmr(series(values), { preset: 'plotthedots', improvement: 'up' }).points[0];
    const raw = xmr(series(values), { preset: 'nhse', improvement: 'up' }).points[0];
    expect(screened.mean).toBeCloseTo(raw.mean!, 12);
    expect(raw.upperLimit! - raw.lowerLimit!).toBeGreaterThan(
      screened.upperLimit! - screened.lowerLimit!,
    );
    // The moving ranges into and out of the outlier, 9.889 and 8.213, exceed 3.267·MR̄ and are
    // dropped before MR̄ is recomputed.
    const ranges = values.slice(1).map((v, i) => Math.abs(v - values[i]));
    const mrBar = ranges.reduce((a, b) => a + b) / ranges.length;
    const kept = ranges.filter((r) => r < 3.267 * mrBar);
    const dropped = ranges.filter((r) => r >= 3.267 * mrBar);
    expect(dropped.map((r) => r.toFixed(3))).toEqual(['9.889', '8.213']);
    expect(kept).toHaveLength(17);
    const keptBar = kept.reduce((a, b) => a + b) / kept.length;
    expect(screened.upperLimit).toBeCloseTo(screened.mean! + 2.66 * keptBar, 12);
  });

  it('flags two of three close to a limit only when all three are on one side', () => {
    // test-ptd_spc_standard.R: rep(c(1, −1), 8) with y[15] = 5.5, y[16] = −5.5 → common cause.
    const values: number[] = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    values[14] = 5.5;
    values[15] = -5.5;
    for (const preset of ['plotthedots', 'nhse'] as const) {
      const result = xmr(series(values), { preset, improvement: 'up' });
      expect(result.points.slice(-2).map((p) => p.variation)).toEqual(['common', 'common']);
    }
  });

  it('flags a trend of seven: ptd_seven_point_trend(c(2, 1:7, 3)) marks points 2–8', () => {
    const result = xmr(series([2, 1, 2, 3, 4, 5, 6, 7, 3]), {
      preset: 'plotthedots',
      improvement: 'up',
    });
    expect(flagged(result, 'trend')).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const falling = xmr(series([2, 7, 6, 5, 4, 3, 2, 1, 3]), {
      preset: 'plotthedots',
      improvement: 'up',
    });
    expect(flagged(falling, 'trend')).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(falling.points[4].variation).toBe('concern');
  });

  it('does not flag six rises, nor a run broken by a tie: 1:6 and c(1:3, 3:6)', () => {
    const six = xmr(series([1, 2, 3, 4, 5, 6]), { preset: 'plotthedots', improvement: 'up' });
    expect(flagged(six, 'trend')).toEqual([]);
    const tie = xmr(series([1, 2, 3, 3, 4, 5, 6]), { preset: 'plotthedots', improvement: 'up' });
    expect(flagged(tie, 'trend')).toEqual([]);
  });

  it('flags a shift of seven or more and not six: c(rep(1, 8), −1) vs c(rep(1, 6), −1)', () => {
    const eight = xmr(series([...Array(8).fill(1), -1]), {
      preset: 'plotthedots',
      improvement: 'up',
    });
    expect(flagged(eight, 'shift')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const six = xmr(series([...Array(6).fill(1), -1]), {
      preset: 'plotthedots',
      improvement: 'up',
    });
    expect(flagged(six, 'shift')).toEqual([]);
  });

  it('gives the assurance of ptd_calculate_assurance_type: fail, pass, inconsistent', () => {
    // Limits around (1, 3), (5, 7) and (1, 5) with target 4, improvement increase then decrease.
    const around = (mean: number, halfWidth: number) => {
      const d = halfWidth / 5.32;
      return series(Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? mean + d : mean - d)));
    };
    const cases = [around(2, 1), around(6, 1), around(3, 2)];
    const up = cases.map((points) =>
      xmr(points, { preset: 'plotthedots', improvement: 'up', target: 4 }),
    );
    expect(up.map((r) => r.assuranceIcon)).toEqual(['fail', 'pass', 'hit_and_miss']);
    const down = cases.map((points) =>
      xmr(points, { preset: 'plotthedots', improvement: 'down', target: 4 }),
    );
    expect(down.map((r) => r.assuranceIcon)).toEqual(['pass', 'fail', 'hit_and_miss']);
    const neither = xmr(cases[0], { preset: 'plotthedots', improvement: 'neither', target: 4 });
    expect(neither.assuranceIcon).toBe('none');
  });
});

describe('xmr(points, options): limits', () => {
  it('sets limits at mean ± 2.66·MR̄ and 2σ lines at two thirds of that', () => {
    const result = xmr(series(quiet(20)), { improvement: 'up' });
    const point = result.points[5];
    expect(point.mean).toBe(10);
    expect(point.upperLimit).toBeCloseTo(15.32, 12);
    expect(point.lowerLimit).toBeCloseTo(4.68, 12);
    expect(point.upperTwoSigma).toBeCloseTo(10 + (2 / 3) * 5.32, 12);
    expect(point.lowerTwoSigma).toBeCloseTo(10 - (2 / 3) * 5.32, 12);
    expect(point.movingRange).toBe(2);
    expect(result.points[0].movingRange).toBeNull();
  });

  it('gives a constant series MR̄ = 0, limits on the mean and no special cause', () => {
    for (const preset of ['nhse', 'plotthedots'] as const) {
      const result = xmr(series(Array(20).fill(7)), { preset, improvement: 'up' });
      for (const point of result.points) {
        expect([point.lowerLimit, point.mean, point.upperLimit]).toEqual([7, 7, 7]);
        expect(point.rules).toEqual([]);
      }
      expect(result.variationIcon).toBe('common');
    }
  });

  it('shows no limits and no icons below 13 points (nhse), trial limits with a warning (plotthedots)', () => {
    const nhse = xmr(series(quiet(12)), { improvement: 'up', target: 0 });
    // The mean still shows (MDC Single Chart Tool v5 test notes, "Number of points").
    expect(nhse.points.every((point) => point.upperLimit === null && point.mean === 10)).toBe(true);
    expect(nhse.points.every((point) => point.rules.length === 0)).toBe(true);
    expect([nhse.variationIcon, nhse.assuranceIcon]).toEqual(['none', 'none']);
    expect(nhse.warnings[0]).toMatch(/12 points, fewer than 13: no limits/);
    const ptd = xmr(series(quiet(12)), { preset: 'plotthedots', improvement: 'up', target: 0 });
    expect(ptd.points[0].upperLimit).toBeCloseTo(15.32, 12);
    expect([ptd.variationIcon, ptd.assuranceIcon]).toEqual(['common', 'pass']);
    expect(ptd.warnings[0]).toMatch(/trial limits/);
    expect(xmr(series(quiet(13)), { improvement: 'up' }).warnings).toEqual([]);
  });

  it('recalculates at the given periods, numbering phases', () => {
    const values = [...quiet(14), ...quiet(14).map((v) => v + 100)];
    const points = series(values);
    const result = xmr(points, { improvement: 'up', recalculateAt: [points[14].period] });
    expect(result.points[13]).toMatchObject({ phase: 0, mean: 10 });
    expect(result.points[14]).toMatchObject({ phase: 1, mean: 110, movingRange: null });
    expect(result.points[27].upperLimit).toBeCloseTo(115.32, 12);
  });

  it('fixes limits on the first baselinePoints points of each phase', () => {
    const values = [...quiet(14), 30, 31, 32];
    const result = xmr(series(values), { improvement: 'up', baselinePoints: 14 });
    expect(result.points[16].mean).toBe(10);
    expect(result.points[16].rules).toContain('outside_limits');
    expect(() => xmr(series(values), { improvement: 'up', baselinePoints: 1 })).toThrow(
      /baselinePoints/,
    );
  });

  it('treats null values as gaps and sorts by period', () => {
    const points = series([...quiet(14), null, 10]);
    const shuffled = [points[15], ...points.slice(0, 15)];
    const result = xmr(shuffled, { improvement: 'up' });
    expect(result.points).toHaveLength(15);
    expect(result.points[14]).toMatchObject({ period: points[15].period, movingRange: 1 });
  });

  it('rejects a duplicated or unreadable period and a bad option', () => {
    const points = series(quiet(14));
    expect(() => xmr([...points, points[0]], { improvement: 'up' })).toThrow(/more than once/);
    expect(() => xmr([{ period: 'June', value: 1 }], { improvement: 'up' })).toThrow(/not a date/);
    expect(() => xmr(points, { improvement: 'sideways' } as unknown as XmrOptions)).toThrow(
      /improvement/,
    );
  });
});

describe('xmr(points, options): special-cause rules', () => {
  it('flags a point beyond a limit as improvement or concern by direction', () => {
    const result = xmr(series([...quiet(16), 20]), { improvement: 'down' });
    const last = result.points[16];
    expect(last.rules).toEqual(['outside_limits']);
    expect(last.variation).toBe('concern');
    expect(result.variationIcon).toBe('concern_high');
  });

  it('flags a shift of exactly 6 in nhse and 7 in plotthedots, not one shorter', () => {
    const run = (n: number) => [...quiet(14), ...Array(n).fill(11.5), 8];
    expect(flagged(xmr(series(run(6)), { improvement: 'up' }), 'shift')).toHaveLength(6);
    expect(flagged(xmr(series(run(5)), { improvement: 'up' }), 'shift')).toEqual([]);
    const ptd = { preset: 'plotthedots', improvement: 'up' } as const;
    expect(flagged(xmr(series(run(7)), ptd), 'shift')).toHaveLength(7);
    expect(flagged(xmr(series(run(6)), ptd), 'shift')).toEqual([]);
  });

  it('breaks a shift at a point on the mean', () => {
    const values = [...quiet(14), 12, 12, 12, 10, 12, 12, 12, 8];
    const result = xmr(series(values), { improvement: 'up', baselinePoints: 14 });
    expect(flagged(result, 'shift')).toEqual([]);
  });

  it('flags a trend of 6 points (5 strict changes) in nhse, and ties break it', () => {
    const rising = [...quiet(14), 9, 9.5, 10, 10.5, 11, 11.5];
    const result = xmr(series(rising), { improvement: 'up', baselinePoints: 14 });
    expect(flagged(result, 'trend')).toEqual([15, 16, 17, 18, 19, 20]);
    expect(result.variationIcon).toBe('improvement_high');
    const five = xmr(series(rising.slice(0, 19)), { improvement: 'up', baselinePoints: 14 });
    expect(flagged(five, 'trend')).toEqual([]);
    const tied = [...quiet(14), 9, 9.5, 10, 10, 10.5, 11, 11.5];
    expect(flagged(xmr(series(tied), { improvement: 'up', baselinePoints: 14 }), 'trend')).toEqual(
      [],
    );
  });

  it('flags two of three beyond 2σ on one side, only those beyond it, not those beyond 3σ', () => {
    // 2σ upper line 13.547, upper limit 15.32 (baseline fixed on the quiet points).
    const base = { improvement: 'up' as const, baselinePoints: 14 };
    const two = xmr(series([...quiet(14), 14, 12, 14.5]), base);
    expect(flagged(two, 'two_of_three')).toEqual([15, 17]);
    expect(two.points[15].variation).toBe('common');
    // One beyond 2σ and one beyond 3σ: the 3σ point does not count toward two of three.
    const beyond = xmr(series([...quiet(14), 14, 12, 16]), base);
    expect(flagged(beyond, 'two_of_three')).toEqual([]);
    expect(flagged(beyond, 'outside_limits')).toEqual([17]);
  });

  it('resolves a point flagged both ways: improvement wins (nhse), rule precedence (plotthedots)', () => {
    // Seven points above the mean (shift: improvement for 'up') falling steadily (trend: concern).
    const values = [...quiet(14), 13.4, 13.2, 13, 12.8, 12.6, 12.4, 12.2];
    const nhse = xmr(series(values), { improvement: 'up', baselinePoints: 14 });
    expect(nhse.points[18].rules).toEqual(['shift', 'trend']);
    expect(nhse.points[18].variation).toBe('improvement');
    const ptd = xmr(series(values), {
      preset: 'plotthedots',
      improvement: 'up',
      baselinePoints: 14,
    });
    expect(ptd.points[18].rules).toEqual(['shift', 'trend']);
    expect(ptd.points[18].variation).toBe('concern');
    expect(ptd.variationIcon).toBe('concern_low');
  });

  it('lets rules cross a recalculation in nhse and not in plotthedots', () => {
    // Four points above phase 1's mean, then a recalculation and three above phase 2's mean:
    // a run of 7 only if it may cross the boundary.
    const values = [
      ...quiet(14),
      12,
      12,
      12,
      12,
      15,
      15,
      15,
      ...quiet(13)
        .slice(1)
        .map((v) => v + 4),
    ];
    const points = series(values);
    const recalculateAt = [points[18].period];
    const nhse = xmr(points, { improvement: 'up', recalculateAt });
    const ptd = xmr(points, { preset: 'plotthedots', improvement: 'up', recalculateAt });
    expect(nhse.points[18].phase).toBe(1);
    expect(flagged(nhse, 'shift')).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(flagged(ptd, 'shift')).toEqual([]);
  });

  it('uses neutral variation when improvement is neither', () => {
    const result = xmr(series([...quiet(16), -20]), { improvement: 'neither', target: 5 });
    expect(result.points[16].variation).toBe('neutral');
    expect(result.variationIcon).toBe('neutral_low');
    expect(result.assuranceIcon).toBe('none');
  });
});

describe('xmr(points, options): assurance with the target exactly on a limit', () => {
  const points = series(quiet(20));
  const { lowerLimit, upperLimit } = xmr(points, { improvement: 'up' }).points[19];

  it('passes or fails in nhse', () => {
    expect(xmr(points, { improvement: 'up', target: lowerLimit }).assuranceIcon).toBe('pass');
    expect(xmr(points, { improvement: 'up', target: upperLimit }).assuranceIcon).toBe('fail');
    expect(xmr(points, { improvement: 'down', target: upperLimit }).assuranceIcon).toBe('pass');
    expect(xmr(points, { improvement: 'down', target: lowerLimit }).assuranceIcon).toBe('fail');
  });

  it('is hit and miss in plotthedots', () => {
    const ptd = { preset: 'plotthedots' as const, improvement: 'up' as const };
    expect(xmr(points, { ...ptd, target: lowerLimit }).assuranceIcon).toBe('hit_and_miss');
    expect(xmr(points, { ...ptd, target: upperLimit }).assuranceIcon).toBe('hit_and_miss');
  });

  it('has no assurance without a target', () => {
    expect(xmr(points, { improvement: 'up', target: null }).assuranceIcon).toBe('none');
  });
});

describe('xmr(points, options): invariants', () => {
  const valuesArbitrary = fc.array(
    fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -5, max: 5 })),
    { minLength: 0, maxLength: 60 },
  );

  it('keeps lower ≤ 2σ ≤ mean ≤ 2σ ≤ upper and only flagged points off common', () => {
    fc.assert(
      fc.property(valuesArbitrary, fc.constantFrom('nhse', 'plotthedots'), (values, preset) => {
        const result = xmr(series(values), { preset: preset as 'nhse', improvement: 'up' });
        return result.points.every(
          (p) =>
            (p.upperLimit === null ||
              (p.lowerLimit! <= p.lowerTwoSigma! &&
                p.lowerTwoSigma! <= p.mean! &&
                p.mean! <= p.upperTwoSigma! &&
                p.upperTwoSigma! <= p.upperLimit!)) &&
            (p.rules.length === 0) === (p.variation === 'common'),
        );
      }),
    );
  });

  it('finds no special cause in a constant series of any length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.double({ noNaN: true, min: -1e9, max: 1e9 }),
        (n, c) => {
          const result = xmr(series(Array(n).fill(c)), {
            preset: 'plotthedots',
            improvement: 'down',
          });
          return result.points.every((p) => p.rules.length === 0 && p.variation === 'common');
        },
      ),
    );
  });
});

describe('spcColours', () => {
  it('holds the Making Data Count colours', () => {
    expect(spcColours).toEqual({
      improvement: '#00B0F0',
      concern: '#E46C0A',
      neutral: '#490092',
      common: '#A6A6A6',
    });
  });
});
