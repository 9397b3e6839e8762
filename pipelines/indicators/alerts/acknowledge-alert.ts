import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Marks an open alert acknowledged by `by` at `now`. Acknowledging an acknowledged alert keeps
 * the first acknowledgement; an unknown or resolved alert is an error saying which.
 */
export async function acknowledgeAlert(
  connection: DuckDBConnection,
  alertIdGiven: number | bigint,
  by: string,
  now: Date,
): Promise<{ alert_id: number; status: 'acknowledged' }> {
  const alertId = Number(alertIdGiven);
  if (!Number.isSafeInteger(alertId) || alertId < 1) {
    throw new RangeError(`alert id must be a positive whole number, got ${alertId}`);
  }
  if (by.trim() === '') throw new RangeError('acknowledging an alert needs who acknowledged it');
  const reader = await connection.runAndReadAll('SELECT status FROM alert WHERE alert_id = $1', [
    alertId,
  ]);
  const status = reader.getRows()[0]?.[0];
  if (status === undefined) throw new RangeError(`alert ${alertId} does not exist`);
  if (status === 'resolved') throw new RangeError(`alert ${alertId} is already resolved`);
  if (status === 'open') {
    await connection.run(
      `UPDATE alert SET status = 'acknowledged', acknowledged_at = $2::TIMESTAMP, acknowledged_by = $3
       WHERE alert_id = $1 AND status = 'open'`,
      [alertId, now.toISOString().slice(0, 23).replace('T', ' '), by],
    );
  }
  return { alert_id: alertId, status: 'acknowledged' };
}
