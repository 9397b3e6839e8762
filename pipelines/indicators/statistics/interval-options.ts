/** Options shared by the interval functions. */
export interface IntervalOptions {
  /** Two-sided standard normal quantile; default z95 (95%). Use z998 for 99.8%. */
  z?: number;
}

/** A point estimate with its interval; null where the statistic is not defined or not shown. */
export interface Estimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** Limits of an interval for a count. */
export interface CountInterval {
  lower: number;
  upper: number;
}

/** Throws a RangeError naming `name` unless x is a whole number ≥ 0. */
export function checkCount(x: number, name = 'x'): void {
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x)) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${x}`);
  }
}

/** Throws a RangeError unless z is a positive finite number. */
export function checkZ(z: number): void {
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive number, got ${z}`);
}
