/**
 * The calibration of the synthetic ICS: the rates and shapes the simulation draws from.
 * Most figures are illustrative, chosen so the simulated feeds land in the ranges of NHS
 * England's published figures (4-hour, 12-hour, occupancy, pathway shares); those estimated
 * from published data say from which file and how.
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

/**
 * Median clinically needed length of stay, in days, growing with age: 0.81 for a child, 0.9 +
 * 0.0405 a year of age for an adult. Illustrative, set with the days a discharge waits for a
 * weekday that takes it (`dischargePutOffDays`) so that adult G&A occupancy and the 12-hour
 * share stay in their published bands (docs/calibration.md).
 */
export function losMedianDays(age: number): number {
  return 0.9 * (age < 16 ? 0.9 : 1.0 + age * 0.045);
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
  return admitProbability(age, decile) * (los + delay + dischargeTimingDays + dischargePutOffDays);
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

/**
 * Target adult G&A occupancy the ward sizes aim at, the ICS's centre of its trusts' targets
 * (`trustOccupancyOffsets`) and the occupancy at which an admitted patient waits the usual time
 * for a bed (`models/ed-journey.ts`).
 */
export const targetOccupancy = 0.925;

/**
 * How far each trust's own target adult G&A occupancy sits from `targetOccupancy`: the nth
 * trust of an ICS (by its order in the reference, four to an ICS) takes the (2n − 1)/8 quantile
 * of England's acute trusts less their median. From NHS England's monthly adult G&A occupancy by
 * trust (healthyr `england_critical_general_acute_beds.csv`): each trust's beds occupied over
 * beds available, summed over September 2024 – August 2025, for the 113 trusts with all twelve
 * months and 300 or more adult G&A beds; quantiles 0.921, 0.942, 0.959, 0.979 about a median of
 * 0.951 (the sums: test/fixtures/simulate/adult-ga-beds-by-trust.csv).
 */
export const trustOccupancyOffsets = [-0.03, -0.009, 0.008, 0.027] as const;

/**
 * Winter on the wards: how much fuller than its target a trust runs on a day of the year, a
 * cosine of amplitude 0.0066 peaking on 2 January. Fitted to NHS England's adult G&A occupancy,
 * England's beds occupied over available by calendar month, averaged over April 2022 – August
 * 2025 (healthyr `england_critical_general_acute_beds.csv`), from 0.937 in August to 0.955 in
 * January about 0.946; the first harmonic of the twelve calendar months' means (the sums:
 * test/fixtures/simulate/adult-ga-beds-by-month.csv).
 */
export function winterOccupancy(dayOfYear: number): number {
  return 0.0066 * Math.cos((2 * Math.PI * (dayOfYear - 2)) / 365.25);
}

/**
 * Discharges by day of week, Monday first (relative, mean 1): NHS England's daily discharges by
 * acute trust (healthyr `england_trust_discharged_patients.csv.gz`, April 2022 – August 2025),
 * summed by weekday over the trust-weeks that report all seven days, weeks with a bank holiday
 * left out (17,044 trust-weeks; the sums: test/fixtures/simulate/discharges-by-weekday.csv).
 * Fewer patients go home at the weekend, and fewest on Sunday.
 */
export const dischargeWeekdayProfile = [0.892, 1.111, 1.15, 1.154, 1.234, 0.855, 0.604] as const;

/**
 * How many patients (in days' worth of discharges) wait to leave from the day before, per day
 * of the week (Monday first), if as many are due every day and the discharges follow
 * `profile`: carry[d + 1] = carry[d] + 1 − profile[d], the least carry 0.
 */
function dischargeCarry(profile: readonly number[]): number[] {
  const carry = [0];
  for (let d = 0; d < 6; d++) carry.push(carry[d]! + 1 - profile[d]!);
  const least = Math.min(...carry);
  return carry.map((c) => c - least);
}

/**
 * Of the patients due to leave on a day of the week (Monday first), planned for that day or
 * put off from the day before, the share who go that day, so that the discharges follow
 * `profile`: profile[d] / (1 + carry[d]). None is put off from the day with no carry after it.
 */
export function dischargeGoShares(profile: readonly number[]): number[] {
  const carry = dischargeCarry(profile);
  return profile.map((p, d) => Math.min(1, p / (1 + carry[d]!)));
}

/**
 * The mean days a discharge waits for a day that takes it: the mean carry over the week, a day's
 * discharges being 1 (Little's law); 0.36 days for `dischargeWeekdayProfile`.
 */
export const dischargePutOffDays =
  dischargeCarry(dischargeWeekdayProfile).reduce((a, b) => a + b, 0) / 7;

function normalise(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}
