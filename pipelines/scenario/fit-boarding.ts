import type { BoardingFit } from './scenario-seed.js';

/**
 * Least-squares fit of log(boarding minutes) on G&A occupancy (patients ÷ core beds), with the
 * residual standard deviation. Fewer than 30 boarded patients, or occupancies too alike to show
 * a slope, give the slope 0 (boarding then does not respond to beds) rather than a wild one.
 */
export function fitBoarding(
  observations: ReadonlyArray<{ minutes: number; occupancy: number }>,
): BoardingFit {
  const points = observations.filter((o) => o.minutes > 0 && Number.isFinite(o.occupancy));
  const n = points.length;
  if (n === 0) return { intercept: Math.log(60), slope: 0, sigma: 1 };
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.occupancy;
    sy += Math.log(p.minutes);
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.occupancy - mx) ** 2;
    sxy += (p.occupancy - mx) * (Math.log(p.minutes) - my);
  }
  const slope = n >= 30 && sxx / n > 1e-5 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  let sse = 0;
  for (const p of points) sse += (Math.log(p.minutes) - intercept - slope * p.occupancy) ** 2;
  return { intercept, slope, sigma: Math.sqrt(sse / Math.max(1, n - 2)) };
}
