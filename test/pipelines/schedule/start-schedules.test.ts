import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  defaultSchedules,
  pipelineJobs,
  scheduleConfig,
  startSchedules,
  type Job,
  type ScheduleEffects,
  type Scheduler,
} from '../../../pipelines/schedule/index.js';
import { openWarehouse, type Warehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { createWriter } from '../../../pipelines/writer/index.js';
import { testFactSql, testFeed } from '../ingest/test-feed.js';

let warehouse: Warehouse;
const warnings: string[] = [];
const log = {
  info() {},
  warn: (m: string) => void warnings.push(m),
  error: (m: string) => void warnings.push(m),
};

/** A scheduler whose ticks the test fires by hand. */
function manualScheduler() {
  const ticks = new Map<string, () => void>();
  const stopped: string[] = [];
  const scheduler: Scheduler = (expression, tick) => {
    ticks.set(expression, tick);
    return { stop: () => void stopped.push(expression) };
  };
  return { scheduler, fire: (expression: string) => ticks.get(expression)!(), stopped };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const runs = async () =>
  (
    await warehouse.connection.runAndReadAll(
      'SELECT job, status, attempt, files, rows_in, detail FROM pipeline_run ORDER BY run_id',
    )
  ).getRowObjectsJS();

beforeAll(async () => {
  warehouse = await openWarehouse(':memory:');
});
afterAll(() => warehouse.close());
beforeEach(async () => {
  await warehouse.connection.run('DELETE FROM pipeline_run');
  warnings.length = 0;
});

function effects(extra: Partial<ScheduleEffects>): ScheduleEffects {
  return {
    connection: warehouse.connection,
    now: () => new Date('2025-01-01T08:00:00Z'),
    log,
    ...extra,
  };
}

describe('startSchedules(jobs, effects)', () => {
  it('never runs a job twice at once: an overlapping tick is logged and recorded as skipped', async () => {
    const manual = manualScheduler();
    const gate = deferred();
    let calls = 0;
    const job: Job = {
      name: 'slow',
      cron: 'A',
      run: async () => (calls++, await gate.promise, { files: 2, rowsIn: 9, detail: 'ok' }),
    };
    const running = startSchedules([job], effects({ scheduler: manual.scheduler }));
    manual.fire('A');
    await vi.waitFor(() => expect(calls).toBe(1), { timeout: 10_000, interval: 5 });
    manual.fire('A');
    await vi.waitFor(
      () => expect(warnings).toContain('schedule: skipped, the previous run is still going'),
      { timeout: 10_000, interval: 5 },
    );
    expect(calls).toBe(1);
    gate.resolve();
    await running.stop();
    expect(await runs()).toEqual([
      { job: 'slow', status: 'succeeded', attempt: 1, files: 2, rows_in: 9n, detail: 'ok' },
      {
        job: 'slow',
        status: 'skipped',
        attempt: 1,
        files: 0,
        rows_in: 0n,
        detail: 'previous run still going',
      },
    ]);
    expect(warnings).toContain('schedule: skipped, the previous run is still going');
    expect(manual.stopped).toEqual(['A']);
  });

  it('retries a failing job with exponential backoff, bounded, one run-log row per attempt', async () => {
    const manual = manualScheduler();
    const waits: number[] = [];
    let calls = 0;
    const job: Job = {
      name: 'flaky',
      cron: 'B',
      run: async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    };
    const running = startSchedules(
      [job],
      effects({
        scheduler: manual.scheduler,
        retry: { attempts: 4, baseMs: 100, maxMs: 250 },
        sleep: async (ms) => void waits.push(ms),
      }),
    );
    manual.fire('B');
    await vi.waitFor(async () =>
      expect((await runs()).filter((r) => r.status === 'failed')).toHaveLength(4),
    );
    await running.stop();
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 250]);
    expect((await runs()).map((r) => [r.status, r.attempt, r.detail])).toEqual([
      ['failed', 1, 'boom 1'],
      ['failed', 2, 'boom 2'],
      ['failed', 3, 'boom 3'],
      ['failed', 4, 'boom 4'],
    ]);
  });

  it('stops retrying when a later attempt succeeds', async () => {
    const manual = manualScheduler();
    let calls = 0;
    const job: Job = {
      name: 'once',
      cron: 'C',
      run: async () =>
        ++calls < 2
          ? Promise.reject(new Error('not yet'))
          : { files: 1, rowsIn: 1, detail: 'fine' },
    };
    const running = startSchedules(
      [job],
      effects({ scheduler: manual.scheduler, sleep: async () => undefined }),
    );
    manual.fire('C');
    await vi.waitFor(async () =>
      expect((await runs()).map((r) => r.status)).toContain('succeeded'),
    );
    await running.stop();
    expect((await runs()).map((r) => [r.status, r.attempt])).toEqual([
      ['failed', 1],
      ['succeeded', 2],
    ]);
  });

  // A backoff that stop() did not cancel would hold it for a minute, past this test's timeout.
  it(
    'stop() waits for a running job and cancels its pending backoff',
    { timeout: 20_000 },
    async () => {
      const manual = manualScheduler();
      const entered = deferred();
      const gate = deferred();
      let finished = false;
      const job: Job = {
        name: 'long',
        cron: 'D',
        run: async () => {
          entered.resolve();
          await gate.promise;
          finished = true;
          throw new Error('fails, would retry in a minute');
        },
      };
      const running = startSchedules(
        [job],
        effects({ scheduler: manual.scheduler, retry: { baseMs: 60_000 } }),
      );
      manual.fire('D');
      await entered.promise;
      let stopped = false;
      const stopping = running.stop().then(() => (stopped = true));
      // every callback already queued runs before this resolves: stop() must still be waiting
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      gate.resolve();
      await stopping;
      expect(finished).toBe(true);
      expect((await runs()).map((r) => r.status)).toEqual(['failed']);
      manual.fire('D');
      expect(await runs()).toHaveLength(1);
    },
  );

  it('runs on real node-cron schedules (every second)', async () => {
    let calls = 0;
    const running = startSchedules(
      [
        {
          name: 'tick',
          cron: '* * * * * *',
          run: async () => (calls++, { files: 0, rowsIn: 0, detail: '' }),
        },
      ],
      effects({}),
    );
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(1), {
      timeout: 10_000,
      interval: 20,
    });
    await running.stop();
    const after = calls;
    expect((await runs()).filter((r) => r.job === 'tick')).toHaveLength(after);
  });
});

describe('scheduleConfig(settings)', () => {
  it('falls back to the documented defaults', () => {
    expect(scheduleConfig({})).toEqual(defaultSchedules);
    expect(scheduleConfig({ schedules: { lake: '*/5 * * * *' } })).toEqual({
      ...defaultSchedules,
      lake: '*/5 * * * *',
    });
  });

  it('names the key of a bad expression or an unknown job', () => {
    expect(() => scheduleConfig({ schedules: { lake: 'often' } })).toThrow(
      /settings.schedules.lake must be a cron expression/,
    );
    expect(() => scheduleConfig({ schedules: { lakes: '* * * * *' } })).toThrow(
      /settings.schedules.lakes is not a job/,
    );
  });
});

describe('pipelineJobs(schedules, deps)', () => {
  it('polls the inbox for feeds with a loader and exports the lake', async () => {
    await warehouse.connection.run(testFactSql);
    const root = mkdtempSync(join(tmpdir(), 'jobs-'));
    mkdirSync(join(root, 'inbox', 'ae'), { recursive: true });
    writeFileSync(
      join(root, 'inbox', 'ae', 'x.csv'),
      'id,value,nhs\n1,1,9434765919\n2,2,9434765919\n',
    );
    const writer = await createWriter({
      warehouse,
      now: () => new Date('2025-01-01T08:00:00Z'),
      log,
      pseudonymKeyHex: '22'.repeat(32),
      tmpDir: join(root, 'tmp'),
      inboxDir: join(root, 'inbox'),
      lakeDir: join(root, 'lake'),
      feeds: { ae: testFeed('ae') },
    });
    const jobs = pipelineJobs(defaultSchedules, { writer });
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([
      ['ingest:inbox', '* * * * *'],
      ['lake:export', '*/15 * * * *'],
    ]);
    expect(await jobs[0]!.run()).toEqual({
      files: 1,
      rowsIn: 2,
      detail: '1 loaded, 0 failed, 0 already loaded',
    });
    expect((await jobs[1]!.run()).detail).toMatch(/^\d+ partitions written, 0 removed$/);
    await writer.close();
  });
});
