/** The seven NHS England regions (NHS-DATA.md, Organisations), ODS codes Y56…Y63. */
export const nhsRegions = [
  { code: 'Y56', name: 'London' },
  { code: 'Y58', name: 'South West' },
  { code: 'Y59', name: 'South East' },
  { code: 'Y60', name: 'Midlands' },
  { code: 'Y61', name: 'East of England' },
  { code: 'Y62', name: 'North West' },
  { code: 'Y63', name: 'North East & Yorkshire' },
] as const;

function regionKey(name: string): string {
  return name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/^NHS ENGLAND\b/, '')
    .replace(/\bCOMMISSIONING REGION$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const codeByKey = new Map<string, string>(nhsRegions.map((r) => [regionKey(r.name), r.code]));

/**
 * The region code for a region as the publications spell it: MSitAE's `Parent Org`
 * ('NHS ENGLAND NORTH EAST AND YORKSHIRE ', trailing space included) or the June 2025
 * workbook's 'North East and Yorkshire Commissioning Region'. Undefined when not a region.
 */
export function regionCodeFromName(name: string): string | undefined {
  return codeByKey.get(regionKey(name));
}
