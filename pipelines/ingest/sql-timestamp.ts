/** A Date as a DuckDB TIMESTAMP literal value in UTC ('2025-01-31 13:45:00.123'). */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
