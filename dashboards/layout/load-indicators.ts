import { getJson } from './api-client.js';

/** An indicator as the registry describes it (GET /api/indicators, JSON). */
export interface RegistryEntry {
  id: string;
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  grains: string[];
  breakdowns: string[];
  levels?: string[];
  published?: boolean;
  targets: Array<{
    value: number;
    comparison: string;
    from: string;
    label: string;
    constitutional?: boolean;
  }>;
}

/** A group's label: IMD groups say which end is the most deprived. */
export function categoryLabel(dimension: string, category: string): string {
  if (dimension === 'imd_quintile') {
    if (category === '1') return '1 (most deprived)';
    if (category === '5') return '5 (least deprived)';
  }
  if (dimension === 'imd_decile') {
    if (category === '1') return '1 (most deprived)';
    if (category === '10') return '10 (least deprived)';
  }
  return category;
}

/** Reads the indicator registry. */
export async function loadIndicators(): Promise<RegistryEntry[]> {
  const body = await getJson<{ indicators: RegistryEntry[] }>('/api/indicators');
  return body.indicators;
}
