import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshAll, type RefreshAllResult, type RefreshEffects } from '../indicators/index.js';
import { clearQueue, readQueue } from './refresh-queue.js';

/**
 * Refreshes the models for every key queued by loaded files, in one transaction that also
 * removes them from the queue: either both happen or neither does. Returns null when nothing
 * was queued. The caller serialises this with ingest on the same connection.
 */
export async function refreshQueued(
  connection: DuckDBConnection,
  effects: RefreshEffects,
): Promise<RefreshAllResult | null> {
  const queued = await readQueue(connection);
  if (queued === null) return null;
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await refreshAll(connection, queued.touched, effects);
    await clearQueue(connection, queued.lastSeq);
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** A full rebuild of every model, emptying the queue, in one transaction. */
export async function refreshEverything(
  connection: DuckDBConnection,
  effects: RefreshEffects,
): Promise<RefreshAllResult> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await refreshAll(connection, 'all', effects);
    await connection.run('DELETE FROM refresh_queue');
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}
