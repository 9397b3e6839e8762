import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from '../feeds/feed.js';
import { serialised, sqlTimestamp } from '../ingest/index.js';
import { cronScheduler, type Scheduler } from './cron-scheduler.js';

/** What a job run reports for the run log. */
export interface JobOutcome {
  files: number;
  rowsIn: number;
  detail: string;
}

/** A scheduled job: a name for the run log ('ingest:inbox', 'lake:export'…), when, and what. */
export interface Job {
  name: string;
  /** node-cron expression (5 fields, or 6 with seconds), Europe/London time. */
  cron: string;
  run: () => Promise<JobOutcome>;
}

export interface RetryPolicy {
  /** Attempts per run, including the first (default 3). */
  attempts: number;
  /** Wait before the second attempt; doubles each time (default 5 s). */
  baseMs: number;
  /** Longest wait between attempts (default 5 min). */
  maxMs: number;
}

export interface ScheduleEffects {
  /** Where the pipeline_run log is written (writes take turns with ingest on this connection). */
  connection: DuckDBConnection;
  now: () => Date;
  log: Logger;
  retry?: Partial<RetryPolicy>;
  /** Waits between attempts; tests pass a fast one. Resolves early when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Turns a cron expression into ticks; default node-cron. Tests drive ticks by hand. */
  scheduler?: Scheduler;
}

export interface RunningSchedules {
  /** Stops every schedule, cancels pending retries and waits for running jobs to finish. */
  stop(): Promise<void>;
}

/**
 * Starts each job on its cron schedule. A job never runs twice at once: a tick that finds it
 * still running is logged and recorded as 'skipped'. A failed attempt is retried with
 * exponential backoff up to the policy's attempts; every attempt is a pipeline_run row
 * (status, attempt, files, rows_in, detail).
 */
export function startSchedules(jobs: readonly Job[], effects: ScheduleEffects): RunningSchedules {
  const policy: RetryPolicy = { attempts: 3, baseMs: 5_000, maxMs: 300_000, ...effects.retry };
  const sleep = effects.sleep ?? abortableSleep;
  const scheduler = effects.scheduler ?? cronScheduler;
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();

  const tick = (job: Job) => {
    if (stopping.signal.aborted) return;
    if (running.has(job.name)) {
      effects.log.warn('schedule: skipped, the previous run is still going', { job: job.name });
      void record(effects, job.name, {
        status: 'skipped',
        attempt: 1,
        detail: 'previous run still going',
      }).catch((error: unknown) =>
        effects.log.error('schedule: cannot write the run log', {
          job: job.name,
          error: String(error),
        }),
      );
      return;
    }
    const run = runWithRetries(job, policy, effects, sleep, stopping.signal).finally(() =>
      running.delete(job.name),
    );
    running.set(job.name, run);
  };

  const handles = jobs.map((job) => scheduler(job.cron, () => tick(job)));
  return {
    async stop() {
      stopping.abort();
      for (const handle of handles) handle.stop();
      await Promise.all(running.values());
    },
  };
}

async function runWithRetries(
  job: Job,
  policy: RetryPolicy,
  effects: ScheduleEffects,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const runId = await record(effects, job.name, {
      status: 'running',
      attempt,
      detail: null,
    }).catch(() => undefined);
    try {
      const outcome = await job.run();
      await finish(effects, runId, 'succeeded', outcome);
      return;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const last = attempt === policy.attempts || signal.aborted;
      effects.log[last ? 'error' : 'warn'](
        `schedule: attempt ${attempt} of ${job.name} failed${last ? '' : ', retrying'}`,
        {
          job: job.name,
          attempt,
          error: detail,
        },
      );
      await finish(effects, runId, 'failed', { files: 0, rowsIn: 0, detail });
      if (last) return;
      await sleep(Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1)), signal);
      if (signal.aborted) return;
    }
  }
}

async function record(
  effects: ScheduleEffects,
  job: string,
  row: { status: 'running' | 'skipped'; attempt: number; detail: string | null },
): Promise<bigint> {
  const now = sqlTimestamp(effects.now());
  return serialised(effects.connection, async () => {
    const reader = await effects.connection.runAndReadAll(
      `INSERT INTO pipeline_run (job, started_at, finished_at, status, attempt, detail)
       VALUES ($1, $2::TIMESTAMP, ${row.status === 'skipped' ? '$2::TIMESTAMP' : 'NULL'}, $3, $4, $5) RETURNING run_id`,
      [job, now, row.status, row.attempt, row.detail],
    );
    return reader.getRowObjectsJS()[0]!.run_id as bigint;
  });
}

async function finish(
  effects: ScheduleEffects,
  runId: bigint | undefined,
  status: 'succeeded' | 'failed',
  outcome: JobOutcome,
): Promise<void> {
  if (runId === undefined) return;
  const now = sqlTimestamp(effects.now());
  try {
    await serialised(effects.connection, () =>
      effects.connection.run(
        `UPDATE pipeline_run SET finished_at = $2::TIMESTAMP, status = $3, files = $4, rows_in = $5, detail = $6 WHERE run_id = $1`,
        [runId, now, status, outcome.files, outcome.rowsIn, outcome.detail.slice(0, 2000)],
      ),
    );
  } catch (error) {
    effects.log.error('schedule: cannot write the run log', {
      runId: Number(runId),
      error: String(error),
    });
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
