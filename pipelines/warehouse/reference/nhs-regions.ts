/** The seven NHS England regions (docs/nhs-data.md, Organisations), ODS codes Y56…Y63. */
export const nhsRegions = [
  { code: 'Y56', name: 'London' },
  { code: 'Y58', name: 'South West' },
  { code: 'Y59', name: 'South East' },
  { code: 'Y60', name: 'Midlands' },
  { code: 'Y61', name: 'East of England' },
  { code: 'Y62', name: 'North West' },
  { code: 'Y63', name: 'North East & Yorkshire' },
] as const;
