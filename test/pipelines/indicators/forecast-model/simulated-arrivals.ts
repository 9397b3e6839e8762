import { seededNormal, seededRandom } from '../../../../pipelines/indicators/statistics/index.js';

const hourMs = 3_600_000;
// Relative ED arrivals by local hour of day: a night trough and a late-morning to evening plateau.
const byHour = [
  0.45, 0.38, 0.32, 0.28, 0.26, 0.28, 0.38, 0.6, 0.95, 1.3, 1.5, 1.55, 1.5, 1.45, 1.42, 1.4, 1.38,
  1.35, 1.3, 1.25, 1.15, 1.0, 0.8, 0.6,
];
// Monday busiest, weekend quieter (Monday first).
const byWeekday = [1.15, 1.05, 1.0, 1.0, 1.02, 0.92, 0.88];
const local = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  hour: 'numeric',
  hourCycle: 'h23',
});
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Local (Europe/London) weekday (0 = Monday) and hour, from Intl rather than the code under test. */
export function localWeekdayHour(instant: Date): { weekday: number; hour: number } {
  const parts = local.formatToParts(instant);
  const weekday = weekdays.indexOf(parts.find((p) => p.type === 'weekday')!.value);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  return { weekday, hour };
}

/** Expected arrivals in the hour: daily × weekly cycles in local time × a winter peak. */
export function expectedArrivals(instant: Date, base: number): number {
  const { weekday, hour } = localWeekdayHour(instant);
  const dayOfYear = (instant.getTime() - Date.UTC(instant.getUTCFullYear(), 0, 1)) / 86_400_000;
  const winter = 1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
  return base * byHour[hour] * byWeekday[weekday] * winter;
}

/**
 * Seeded hourly counts from `from` for `hours` hours (UTC hour starts): Poisson, or negative
 * binomial (gamma–Poisson, variance μ + φμ²) when `dispersion` φ > 0.
 */
export function simulatedArrivals(
  from: Date,
  hours: number,
  {
    base = 12,
    seed = 7,
    dispersion = 0,
  }: { base?: number; seed?: number; dispersion?: number } = {},
): Array<{ hour_start: Date; count: number }> {
  const uniform = seededRandom(seed);
  const normal = seededNormal(seed + 1);
  // Marsaglia–Tsang gamma(shape k ≥ 1, mean 1) for the extra-Poisson day-to-day noise.
  const gammaMeanOne = (k: number): number => {
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      if (Math.log(uniform()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / k;
    }
  };
  const rows: Array<{ hour_start: Date; count: number }> = [];
  for (let h = 0; h < hours; h++) {
    const hourStart = new Date(from.getTime() + h * hourMs);
    const mean = expectedArrivals(hourStart, base);
    const lambda = dispersion > 0 ? mean * gammaMeanOne(1 / dispersion) : mean;
    // Poisson by inversion of the CDF.
    const u = uniform();
    let k = 0;
    let p = Math.exp(-lambda);
    let cumulative = p;
    while (u > cumulative && k < 10_000) {
      k++;
      p *= lambda / k;
      cumulative += p;
    }
    rows.push({ hour_start: hourStart, count: k });
  }
  return rows;
}
