import type { DuckDBConnection } from '@duckdb/node-api';

const queues = new WeakMap<DuckDBConnection, Promise<unknown>>();

/**
 * Runs `task` after every task queued earlier on the same connection has settled: one
 * connection holds one transaction at a time, so pushes, polls and schedules take turns.
 */
export function serialised<T>(connection: DuckDBConnection, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(connection) ?? Promise.resolve();
  const next = previous.then(task, task);
  queues.set(
    connection,
    next.catch(() => undefined),
  );
  return next;
}
