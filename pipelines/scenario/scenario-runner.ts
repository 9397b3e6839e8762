import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../feeds/feed.js';
import { prepareScenario, runPreparedScenario } from './run-scenario.js';
import type { ScenarioRequest } from './scenario-request.js';
import { failScenario, finishScenario, insertScenario } from './scenario-store.js';

export interface ScenarioRunnerDeps {
  connection: DuckDBConnection;
  settings: Record<string, unknown>;
  now: () => Date;
  log: Logger;
  /** Worker threads per run (default 2). */
  workers?: number;
}

/**
 * Starts scenarios in the background and keeps their progress: `start` reads the seed and
 * places the levers before answering (so an impossible lever is refused at once), records the
 * scenario as running, and returns its id while the replications run.
 */
export class ScenarioRunner {
  private readonly progress = new Map<string, { done: number; total: number }>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: ScenarioRunnerDeps) {}

  async start(
    request: ScenarioRequest & { ics: string[] },
    createdBy: string | null,
  ): Promise<string> {
    const { connection, settings, now, log } = this.deps;
    const prepared = await prepareScenario(connection, request, { settings });
    const id = `scn_${randomBytes(9).toString('base64url')}`;
    // The start the seed was read at is part of the inputs: a re-run from them starts there.
    const saved = { ...request, at: prepared.seed.at };
    await insertScenario(connection, { id, request: saved, createdBy, now: now() });
    this.progress.set(id, { done: 0, total: request.replications });
    const run = runPreparedScenario(prepared, {
      settings,
      workers: this.deps.workers,
      onProgress: (done, total) => this.progress.set(id, { done, total }),
    })
      .then((result) => finishScenario(connection, id, result, now()))
      .catch(async (error: Error) => {
        log.error('scenario failed', { scenario_id: id, error: error.message });
        await failScenario(connection, id, error.message, now());
      })
      .finally(() => {
        this.running.delete(id);
        this.progress.delete(id);
      });
    this.running.set(id, run);
    return id;
  }

  /** Replications finished so far of a running scenario (undefined when not running here). */
  progressOf(id: string): { done: number; total: number } | undefined {
    return this.progress.get(id);
  }

  /** Resolves when the scenario (if running) has finished and been stored. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  /** Waits for every running scenario to be stored. */
  async close(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }
}
