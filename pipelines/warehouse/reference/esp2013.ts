/** European Standard Population 2013: 19 five-year bands, 0-4 … 85-89 and 90+ (docs/nhs-data.md, Statistics). */
const weights = [
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
  2500, 1500, 1000,
];

export interface Esp2013Band {
  age_band: string;
  band_order: number;
  age_from: number;
  weight: number;
}

export const esp2013Bands: Esp2013Band[] = weights.map((weight, i) => ({
  age_band: i === 18 ? '90+' : `${i * 5}-${i * 5 + 4}`,
  band_order: i + 1,
  age_from: i * 5,
  weight,
}));
