/** The NHS.UK palette the dashboards draw with. */
export const nhsColours = Object.freeze({
  blue: '#005EB8',
  darkBlue: '#003087',
  black: '#212B32',
  grey: '#4C6272',
  paleGrey: '#F0F4F5',
  white: '#FFFFFF',
  warmYellow: '#FFB81C',
  red: '#D5281B',
  green: '#007F3B',
  midGrey: '#768692',
  lightBlue: '#41B6E6',
  purple: '#330072',
  orange: '#ED8B00',
} as const);

/** Series colours, distinguishable and all with ≥ 3:1 contrast on white. */
export const seriesColours = [
  nhsColours.blue,
  nhsColours.green,
  '#AE2573',
  nhsColours.purple,
  nhsColours.red,
  nhsColours.grey,
  nhsColours.darkBlue,
  '#7C2855',
];

/** Making Data Count point colours (docs/nhs-data.md, Statistics): improvement, concern, neutral, common cause. */
export const spcColours = Object.freeze({
  improvement: '#00B0F0',
  concern: '#E46C0A',
  neutral: '#490092',
  common: '#A6A6A6',
} as const);
