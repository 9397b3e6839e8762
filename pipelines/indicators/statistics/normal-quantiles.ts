/** Φ⁻¹(0.975): the two-sided 95% standard normal quantile, as docs/nhs-data.md (Statistics) fixes it. */
export const z95 = 1.959963984540054;

/** Φ⁻¹(0.999): the two-sided 99.8% standard normal quantile, as docs/nhs-data.md (Statistics) fixes it. */
export const z998 = 3.090232306167813;
