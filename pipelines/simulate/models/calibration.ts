/**
 * The calibration of the synthetic ICS: the rates and shapes the simulation draws from.
 * Figures are illustrative, chosen so the simulated feeds land in the ranges of NHS England's
 * published figures (4-hour, 12-hour, occupancy, pathway shares), not estimates from data.
 */

export const ageBands = [
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49',
  '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85-89', '90+',
] as const; // prettier-ignore
export const ethnicGroups = ['White', 'Mixed', 'Asian', 'Black', 'Other'] as const;
export type EthnicGroup = (typeof ethnicGroups)[number];

/**
 * Attendances per person per year across the ICS: England's types 1, 3 and 4 over its
 * population (docs/calibration.md): about 1.28 a day per 1,000 people, 0.47 a year.
 */
export const attendancesPerPersonYear = 0.46;

/**
 * The longest an admitted patient waits in the department for a bed (minutes from arrival):
 * past it the patient is moved (a corridor or escalation bed), so no stay runs to days.
 */
export const longestAdmittedStayMinutes = 40 * 60;

const ageRate = [
  1.3, 0.7, 0.65, 0.9, 1.0, 0.9, 0.8, 0.75, 0.75, 0.75, 0.8, 0.85, 0.9, 1.0, 1.15, 1.4, 1.8, 2.3,
  2.8,
];

/** Relative attendance rate by ESP band index and IMD decile (decile 1 is 1.9× decile 10). */
export function attendanceWeight(band: number, decile: number): number {
  return ageRate[band]! * (1 + 0.1 * (10 - decile));
}

/** Probability an attendance ends in admission (by age, deprivation). */
export function admitProbability(age: number, decile: number): number {
  const base = age < 16 ? 0.06 : age < 40 ? 0.08 : age < 60 ? 0.14 : age < 75 ? 0.26 : 0.4;
  return Math.min(0.8, base * (1 + 0.03 * (10 - decile)));
}

/** Median clinically needed length of stay, in days, growing with age. */
export function losMedianDays(age: number): number {
  return age < 16 ? 0.9 : 1.0 + age * 0.045;
}
export const losSigma = 0.85;

/** Mean delay (days past the discharge ready date) by pathway before LA and pressure factors. */
export const pathwayDelayMeanDays = [0.06, 0.5, 6.5, 10.5] as const;

/** Pathway shares for adults: older patients more often need support (overall ≈ 50/45/4/1). */
export function pathwayShares(age: number): readonly [number, number, number, number] {
  return age >= 75 ? [0.36, 0.565, 0.058, 0.017] : [0.6, 0.37, 0.025, 0.005];
}

/** Mean extra days from discharging in the daytime, a few hours after the patient is ready. */
export const dischargeTimingDays = 0.45;

/** Mean expected bed-days per attendance for a person (used to size the wards). */
export function expectedBedDays(age: number, decile: number): number {
  const los = losMedianDays(age) * Math.exp((losSigma * losSigma) / 2);
  let delay = 0;
  if (age >= 18) {
    const shares = pathwayShares(age);
    for (let p = 0; p < 4; p++) delay += shares[p]! * pathwayDelayMeanDays[p]!;
  }
  return admitProbability(age, decile) * (los + delay + dischargeTimingDays);
}

/** Arrivals by London local hour of day (relative, mean 1). */
export const hourProfile = normalise([
  0.55, 0.45, 0.38, 0.33, 0.3, 0.32, 0.45, 0.7, 1.05, 1.35, 1.5, 1.52, 1.48, 1.42, 1.38, 1.35, 1.32,
  1.3, 1.28, 1.2, 1.1, 0.98, 0.85, 0.7,
]);

/** Arrivals by day of week, Monday first (relative, mean 1). */
export const weekdayProfile = normalise([1.12, 1.03, 1.0, 0.99, 1.0, 0.94, 0.92]);

/** Winter peak: +8% in mid-January, −8% in mid-July. */
export function seasonalFactor(dayOfYear: number): number {
  return 1 + 0.08 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
}

/** Share of UTC (type 03) visits booked online through NHS 111: falls with age and deprivation. */
export function nhs111OnlineShare(age: number, decile: number): number {
  const byAge = age < 30 ? 1 : age < 50 ? 0.85 : age < 65 ? 0.6 : age < 80 ? 0.35 : 0.15;
  return 0.32 * byAge * (0.55 + 0.05 * decile);
}

/** Target adult G&A occupancy the ward sizes and the discharge pressure aim at. */
export const targetOccupancy = 0.925;

function normalise(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}
