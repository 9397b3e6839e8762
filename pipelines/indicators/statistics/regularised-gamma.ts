const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(a) for a > 0 (Lanczos, g = 7, n = 9: relative error below 1e-15). */
export function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const x = a - 1;
  let sum = lanczos[0];
  for (let i = 1; i < 9; i++) sum += lanczos[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0.
 * Series below x < a + 1, Lentz continued fraction for Q above (Numerical Recipes §6.2).
 */
export function regularisedGammaP(a: number, x: number): number {
  if (!(a > 0) || x < 0 || Number.isNaN(x)) throw new RangeError(`P(a, x) needs a > 0, x ≥ 0`);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed without cancellation. */
export function regularisedGammaQ(a: number, x: number): number {
  if (!(a > 0) || x < 0 || Number.isNaN(x)) throw new RangeError(`Q(a, x) needs a > 0, x ≥ 0`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Inverse of P(a, ·): the x with P(a, x) = p, for a > 0 and 0 ≤ p ≤ 1.
 * Halley iteration from the Numerical Recipes (3rd ed., §6.2.1) starting values,
 * finished by bisection safeguards so the result is accurate to ~1e-14 relative.
 */
export function inverseRegularisedGammaP(a: number, p: number): number {
  if (!(a > 0)) throw new RangeError(`a must be > 0, got ${a}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const gln = logGamma(a);
  const a1 = a - 1;
  const lna1 = a > 1 ? Math.log(a1) : 0;
  const afac = a > 1 ? Math.exp(a1 * (lna1 - 1) - gln) : 0;
  let x: number;
  if (a > 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    x = Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - z / (3 * Math.sqrt(a)), 3));
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    x = p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  let lo = 0;
  let hi = Infinity;
  for (let j = 0; j < 200; j++) {
    if (x <= 0) return 0;
    const err = regularisedGammaP(a, x) - p;
    if (err < 0) lo = x;
    else hi = x;
    const t0 =
      a > 1
        ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1))
        : Math.exp(-x + a1 * Math.log(x) - gln);
    const u = err / t0;
    let step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
    let next = x - step;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = Number.isFinite(hi) ? (lo + hi) / 2 : x * 2;
      step = x - next;
    }
    x = next;
    if (Math.abs(step) < 1e-15 * x) break;
  }
  return x;
}

/** The p-quantile of the χ² distribution with `df` degrees of freedom (df > 0). */
export function chiSquareQuantile(p: number, df: number): number {
  return 2 * inverseRegularisedGammaP(df / 2, p);
}

/** Upper tail of the standard normal, 1 − Φ(z), via Φ(−z) = Q(½, z²/2) / 2 for z ≥ 0. */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  return 0.5 * regularisedGammaQ(0.5, (z * z) / 2);
}
