/** One band of the European Standard Population 2013. */
export interface StandardPopulationBand {
  /** Band label as ONS and OHID print it: '0-4', '5-9', …, '85-89', '90+'. */
  ageBand: string;
  /** Youngest age in the band. */
  ageFrom: number;
  /** Oldest age in the band; null for the open band 90+. */
  ageTo: number | null;
  /** Standard population (weights sum to 100,000). */
  weight: number;
}

const weights = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
  2500, 1500, 1000,
];

/** The European Standard Population 2013: 19 bands 0–4 … 90+ (docs/nhs-data.md, Statistics). */
export const esp2013: readonly StandardPopulationBand[] = Object.freeze(
  weights.map((weight, i) =>
    Object.freeze({
      ageBand: i === 18 ? '90+' : `${i * 5}-${i * 5 + 4}`,
      ageFrom: i * 5,
      ageTo: i === 18 ? null : i * 5 + 4,
      weight,
    }),
  ),
);
