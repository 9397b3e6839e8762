import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBTimestampValue } from '@duckdb/node-api';

const queries = {
  arrivals: readFileSync(new URL('./hourly-arrivals.sql', import.meta.url), 'utf8'),
  admissions: readFileSync(new URL('./hourly-admissions.sql', import.meta.url), 'utf8'),
};

/**
 * Hourly A&E arrivals or admissions by site from the warehouse's ae_attendance, as the input of
 * fitArrivalModel (hours with none are absent: pass each series through completeHours).
 */
export async function readHourlyCounts(
  connection: DuckDBConnection,
  measure: 'arrivals' | 'admissions',
): Promise<Map<string, Array<{ hour_start: Date; count: number }>>> {
  const sql = queries[measure];
  if (!sql) throw new RangeError(`measure must be arrivals or admissions, got ${String(measure)}`);
  const reader = await connection.runAndReadAll(sql);
  const sites = reader.getColumns()[0] as string[];
  const hours = reader.getColumns()[1] as DuckDBTimestampValue[];
  const counts = reader.getColumns()[2] as number[];
  const bySite = new Map<string, Array<{ hour_start: Date; count: number }>>();
  for (let i = 0; i < sites.length; i++) {
    let rows = bySite.get(sites[i]);
    if (!rows) bySite.set(sites[i], (rows = []));
    rows.push({ hour_start: new Date(Number(hours[i].micros / 1000n)), count: counts[i] });
  }
  return bySite;
}
