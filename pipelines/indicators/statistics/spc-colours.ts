/** Making Data Count point colours (docs/nhs-data.md, Statistics): improvement, concern, neutral, common cause. */
export const spcColours = Object.freeze({
  improvement: '#00B0F0',
  concern: '#E46C0A',
  neutral: '#490092',
  common: '#A6A6A6',
} as const);
