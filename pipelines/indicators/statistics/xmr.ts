import { spcMinimumPoints, spcPresets, type SpcPreset } from './spc-presets.js';

/** A special-cause rule of Making Data Count. */
export type SpcRule = 'outside_limits' | 'shift' | 'trend' | 'two_of_three';
/** The variation a point shows. */
export type SpcVariation = 'improvement' | 'concern' | 'neutral' | 'common';
/** The variation icon from the latest point; 'none' when there are no limits. */
export type SpcVariationIcon =
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low'
  | 'common'
  | 'none';
/** The assurance icon from the target against the latest limits. */
export type SpcAssuranceIcon = 'pass' | 'fail' | 'hit_and_miss' | 'none';

/** Options for xmr. */
export interface XmrOptions {
  /** Rule set; default 'nhse' (MDC Single Chart Tool v5), or 'plotthedots' (NHSRplotthedots). */
  preset?: 'nhse' | 'plotthedots';
  /** Which direction is better: the indicator's polarity. */
  improvement: 'up' | 'down' | 'neither';
  /** Target for the assurance icon; null or absent gives assuranceIcon 'none'. */
  target?: number | null;
  /** Periods at which a new phase (recalculated limits) starts. */
  recalculateAt?: ReadonlyArray<string | Date>;
  /** Fix each phase's mean and limits on its first N points (N ≥ 2). */
  baselinePoints?: number;
}

/** One plotted point of an XmR chart; limits are null where the phase has too few points. */
export interface XmrPoint {
  period: string | Date;
  value: number;
  /** 0-based phase number, counted over the phases that hold points. */
  phase: number;
  mean: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  lowerTwoSigma: number | null;
  upperTwoSigma: number | null;
  /** |xᵢ − xᵢ₋₁| within the phase; null for a phase's first point. */
  movingRange: number | null;
  rules: SpcRule[];
  variation: SpcVariation;
}

/** Result of xmr. */
export interface XmrResult {
  points: XmrPoint[];
  variationIcon: SpcVariationIcon;
  assuranceIcon: SpcAssuranceIcon;
  warnings: string[];
}

type Side = 1 | -1;
interface Flag {
  rule: SpcRule;
  side: Side;
}

const ruleOrder: SpcRule[] = ['outside_limits', 'shift', 'trend', 'two_of_three'];
const precedence: SpcRule[] = ['outside_limits', 'trend', 'two_of_three', 'shift'];

/**
 * XmR chart the Making Data Count way (docs/nhs-data.md, Statistics): centre = mean, limits mean ± 2.66·MR̄,
 * 2σ lines at ± (2/3)·2.66·MR̄, special-cause rules outside limits, shift, trend and two of three
 * beyond 2σ, improvement direction, recalculation phases, fixed baselines and the variation and
 * assurance icons, following the chosen preset's table row by row (see spcPresets).
 * Null values are gaps: they are left out of the output points and break no run.
 * Points are sorted by period; a period that does not parse, or appears twice, is an error.
 */
export function xmr(
  points: ReadonlyArray<{ period: string | Date; value: number | null }>,
  options: XmrOptions,
): XmrResult {
  const presetName = options.preset ?? 'nhse';
  const preset: SpcPreset | undefined = spcPresets[presetName];
  if (!preset)
    throw new RangeError(`preset must be nhse or plotthedots, got ${String(presetName)}`);
  const { improvement } = options;
  if (improvement !== 'up' && improvement !== 'down' && improvement !== 'neither') {
    throw new RangeError(`improvement must be up, down or neither, got ${String(improvement)}`);
  }
  const { baselinePoints } = options;
  if (baselinePoints !== undefined && !(Number.isInteger(baselinePoints) && baselinePoints >= 2)) {
    throw new RangeError(`baselinePoints must be a whole number ≥ 2, got ${baselinePoints}`);
  }
  const warnings: string[] = [];
  const series = points
    .filter((point) => point.value !== null && point.value !== undefined)
    .map((point) => {
      const value = point.value as number;
      if (!Number.isFinite(value)) {
        throw new RangeError(`value for period ${String(point.period)} is not a finite number`);
      }
      return { period: point.period, time: periodTime(point.period), value };
    })
    .sort((a, b) => a.time - b.time);
  for (let i = 1; i < series.length; i++) {
    if (series[i].time === series[i - 1].time) {
      throw new RangeError(`period ${String(series[i].period)} appears more than once`);
    }
  }
  const starts = (options.recalculateAt ?? []).map(periodTime).sort((a, b) => a - b);
  const rawPhase = series.map((point) => starts.filter((start) => start <= point.time).length);
  const phaseNumbers = [...new Set(rawPhase)];
  const out: XmrPoint[] = series.map((point, i) => ({
    period: point.period,
    value: point.value,
    phase: phaseNumbers.indexOf(rawPhase[i]),
    mean: null,
    lowerLimit: null,
    upperLimit: null,
    lowerTwoSigma: null,
    upperTwoSigma: null,
    movingRange: null,
    rules: [],
    variation: 'common',
  }));

  for (let phase = 0; phase < phaseNumbers.length; phase++) {
    const members = out.filter((point) => point.phase === phase);
    for (let i = 1; i < members.length; i++) {
      members[i].movingRange = Math.abs(members[i].value - members[i - 1].value);
    }
    const baseline = baselinePoints ? members.slice(0, baselinePoints) : members;
    const label = `phase ${phase + 1} (from ${String(members[0].period)})`;
    const mean = average(baseline.map((point) => point.value));
    for (const point of members) point.mean = mean;
    if (baseline.length < spcMinimumPoints) {
      // MDC Single Chart Tool v5: with 12 points or fewer the mean shows, limits and icons do not.
      if (preset.shortPhase === 'none') {
        warnings.push(
          `${label} has ${baseline.length} points, fewer than ${spcMinimumPoints}: no limits shown`,
        );
        continue;
      }
      warnings.push(
        `${label} has ${baseline.length} points, fewer than ${spcMinimumPoints}: trial limits`,
      );
    }
    if (baseline.length < 2) continue;
    let ranges = baseline.slice(1).map((point) => point.movingRange as number);
    let mrBar = average(ranges);
    if (preset.screenMovingRanges && mrBar > 0) {
      // NHSRplotthedots screen_outliers: keep MR < 3.267·MR̄, recompute MR̄; the mean stays.
      const limit = 3.267 * mrBar;
      ranges = ranges.filter((range) => range < limit);
      mrBar = average(ranges);
    }
    const width = 2.66 * mrBar;
    for (const point of members) {
      point.lowerLimit = mean - width;
      point.upperLimit = mean + width;
      point.lowerTwoSigma = mean - (2 / 3) * width;
      point.upperTwoSigma = mean + (2 / 3) * width;
    }
  }

  const flags = out.map((): Flag[] => []);
  for (const segment of segments(out, preset)) {
    flagOutsideLimits(out, segment, flags);
    flagShifts(out, segment, flags, preset.runLength);
    flagTrends(out, segment, flags, preset.runLength);
    flagTwoOfThree(out, segment, flags);
  }
  const sides: Array<Side | null> = out.map(() => null);
  for (const [i, point] of out.entries()) {
    const pointFlags = flags[i];
    if (pointFlags.length === 0) continue;
    point.rules = ruleOrder.filter((rule) => pointFlags.some((flag) => flag.rule === rule));
    const chosen = chooseFlag(pointFlags, improvement, preset);
    sides[i] = chosen.side;
    point.variation = classify(chosen.side, improvement);
  }

  const last = out.length - 1;
  const latest = out[last];
  let variationIcon: SpcVariationIcon = 'none';
  if (latest && latest.upperLimit !== null) {
    const side = sides[last];
    variationIcon =
      latest.variation === 'common' || side === null
        ? 'common'
        : (`${latest.variation}_${side > 0 ? 'high' : 'low'}` as SpcVariationIcon);
  }
  return {
    points: out,
    variationIcon,
    assuranceIcon: assurance(latest, options.target, improvement, preset),
    warnings,
  };
}

function periodTime(period: string | Date): number {
  const time = period instanceof Date ? period.getTime() : new Date(period).getTime();
  if (Number.isNaN(time)) throw new RangeError(`period ${String(period)} is not a date`);
  return time;
}

/** Mean as x₀ + Σ(x − x₀)/n, so a constant series has exactly its value as mean (no point off it). */
function average(values: number[]): number {
  if (values.length === 0) return NaN;
  const first = values[0];
  return first + values.reduce((sum, v) => sum + (v - first), 0) / values.length;
}

/** Runs of consecutive indices over which rules are evaluated. */
function segments(out: XmrPoint[], preset: SpcPreset): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  for (const [i, point] of out.entries()) {
    const breaks =
      point.upperLimit === null ||
      (!preset.rulesCrossPhases && current.length > 0 && out[current[0]].phase !== point.phase);
    if (breaks && current.length > 0) {
      result.push(current);
      current = [];
    }
    if (point.upperLimit !== null) current.push(i);
  }
  if (current.length > 0) result.push(current);
  return result;
}

function sideOfMean(point: XmrPoint): number {
  return Math.sign(point.value - (point.mean as number));
}

function flagOutsideLimits(out: XmrPoint[], segment: number[], flags: Flag[][]): void {
  for (const i of segment) {
    const point = out[i];
    if (point.value > (point.upperLimit as number))
      flags[i].push({ rule: 'outside_limits', side: 1 });
    if (point.value < (point.lowerLimit as number))
      flags[i].push({ rule: 'outside_limits', side: -1 });
  }
}

/** A shift: runLength or more points on one side of the mean; a point on the mean breaks it. */
function flagShifts(out: XmrPoint[], segment: number[], flags: Flag[][], runLength: number): void {
  const side = (k: number) => sideOfMean(out[segment[k]]);
  for (let k = 0; k < segment.length;) {
    const current = side(k);
    let end = k;
    while (current !== 0 && end + 1 < segment.length && side(end + 1) === current) end++;
    if (current !== 0 && end - k + 1 >= runLength) {
      for (let j = k; j <= end; j++)
        flags[segment[j]].push({ rule: 'shift', side: current as Side });
    }
    k = end + 1;
  }
}

/** A trend: runLength or more points each strictly above (or below) the one before; ties break it. */
function flagTrends(out: XmrPoint[], segment: number[], flags: Flag[][], runLength: number): void {
  const step = (k: number) => Math.sign(out[segment[k]].value - out[segment[k - 1]].value);
  for (let k = 1; k < segment.length;) {
    const direction = step(k);
    let end = k;
    while (direction !== 0 && end + 1 < segment.length && step(end + 1) === direction) end++;
    // Steps k..end join the points k − 1..end.
    if (direction !== 0 && end - k + 2 >= runLength) {
      for (let j = k - 1; j <= end; j++) {
        flags[segment[j]].push({ rule: 'trend', side: direction as Side });
      }
    }
    k = end + 1;
  }
}

/** Two of three consecutive points beyond a 2σ line (not beyond 3σ), all three on one side. */
function flagTwoOfThree(out: XmrPoint[], segment: number[], flags: Flag[][]): void {
  const near = (point: XmrPoint, side: Side) =>
    side > 0
      ? point.value > (point.upperTwoSigma as number) && point.value <= (point.upperLimit as number)
      : point.value < (point.lowerTwoSigma as number) &&
        point.value >= (point.lowerLimit as number);
  for (let k = 0; k + 2 < segment.length; k++) {
    const window = [segment[k], segment[k + 1], segment[k + 2]];
    for (const side of [1, -1] as Side[]) {
      if (!window.every((i) => sideOfMean(out[i]) === side)) continue;
      const close = window.filter((i) => near(out[i], side));
      if (close.length < 2) continue;
      for (const i of close) {
        if (!flags[i].some((flag) => flag.rule === 'two_of_three' && flag.side === side)) {
          flags[i].push({ rule: 'two_of_three', side });
        }
      }
    }
  }
}

function classify(side: Side, improvement: XmrOptions['improvement']): SpcVariation {
  if (improvement === 'neither') return 'neutral';
  return side > 0 === (improvement === 'up') ? 'improvement' : 'concern';
}

function chooseFlag(
  flags: Flag[],
  improvement: XmrOptions['improvement'],
  preset: SpcPreset,
): Flag {
  const byPrecedence = [...flags].sort(
    (a, b) =>
      precedence.indexOf(a.rule) - precedence.indexOf(b.rule) ||
      Number(classify(b.side, improvement) === 'improvement') -
        Number(classify(a.side, improvement) === 'improvement'),
  );
  if (preset.conflict === 'improvement') {
    const better = byPrecedence.find((flag) => classify(flag.side, improvement) === 'improvement');
    if (better) return better;
  }
  return byPrecedence[0];
}

function assurance(
  latest: XmrPoint | undefined,
  target: number | null | undefined,
  improvement: XmrOptions['improvement'],
  preset: SpcPreset,
): SpcAssuranceIcon {
  if (!latest || latest.lowerLimit === null || latest.upperLimit === null) return 'none';
  if (target === null || target === undefined || improvement === 'neither') return 'none';
  if (!Number.isFinite(target))
    throw new RangeError(`target must be a finite number, got ${target}`);
  const decides = preset.targetOnLimitDecides;
  const [worseLimit, betterLimit] =
    improvement === 'up'
      ? [latest.lowerLimit, latest.upperLimit]
      : [-latest.upperLimit, -latest.lowerLimit];
  const goal = improvement === 'up' ? target : -target;
  // 'up': the process always meets the target when even its lower limit is above it.
  if (goal < worseLimit || (decides && goal === worseLimit)) return 'pass';
  if (goal > betterLimit || (decides && goal === betterLimit)) return 'fail';
  return 'hit_and_miss';
}
