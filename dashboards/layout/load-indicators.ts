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
  targets: Array<{ value: number; comparison: string; from: string; label: string }>;
}

/** Reads the indicator registry. */
export async function loadIndicators(): Promise<RegistryEntry[]> {
  const body = await getJson<{ indicators: RegistryEntry[] }>('/api/indicators');
  return body.indicators;
}
