import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../pipelines/warehouse/open-warehouse.js';

const projectRoot = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'observatory-stop-'));
const started: ChildProcess[] = [];

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Service {
  child: ChildProcess;
  /** Resolves with the first stderr/stdout line matching `pattern` (rejects after `ms`). */
  line(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** `npm start` as a child process: a small demo in a temporary data folder, no page builds. */
function startService(): Service {
  const child = spawn(process.execPath, ['--import', 'tsx', join('service', 'main.ts')], {
    cwd: projectRoot,
    env: {
      ...process.env,
      OBSERVATORY_DATA: dataDir,
      OBSERVATORY_CONFIG: '',
      PORT: '0',
      MLLP_PORT: '0',
      OBSERVATORY_DEMO: '1',
      OBSERVATORY_DEMO_DAYS: '2',
      OBSERVATORY_DEMO_SPEED: '0',
      OBSERVATORY_BUILD_PAGES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n'));
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    exited,
    line(pattern, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no line matching ${pattern} after ${ms} ms:\n${lines.join('\n')}`)),
          ms,
        );
        const check = () => {
          const found = lines.find((line) => pattern.test(line));
          if (found !== undefined) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}

function waitingFiles(): string[] {
  const inbox = join(dataDir, 'inbox');
  return readdirSync(inbox, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) => readdirSync(join(inbox, entry.name)));
}

async function ledger(): Promise<Array<Record<string, unknown>>> {
  const warehouse = await openWarehouse(join(dataDir, 'observatory.duckdb'), { readOnly: true });
  try {
    const reader = await warehouse.connection.runAndReadAll(
      `SELECT file_name, status, rows_in, rows_loaded + rows_quarantined + rows_duplicate AS accounted
       FROM ingest_file ORDER BY file_id`,
    );
    return reader.getRowObjectsJS();
  } finally {
    warehouse.close();
  }
}

describe('npm start stops like a service', () => {
  it('answers while the history loads, stops within 5 s on SIGTERM, and the next start continues', async () => {
    const first = startService();
    const url = (await first.line(/ICS Flow Observatory on http/)).match(/http:\/\/[\d.:]+/)![0];
    // The history is loading, file by file, and the service answers meanwhile.
    await first.line(/loading the history: 1 of \d+ files/);
    const ready = await fetch(`${url}/api/ready`);
    const during = (await ready.json()) as { startup: { phase: string } };
    if (during.startup.phase !== 'ready') expect(ready.status).toBe(503);

    const stopAt = Date.now();
    first.child.kill('SIGTERM');
    const code = await first.exited;
    expect(code).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(5000);

    // What committed is whole; what did not waits in the inbox. Nothing is lost.
    const afterStop = await ledger();
    const total = afterStop.length + waitingFiles().length;
    expect(afterStop.length).toBeGreaterThan(0);
    for (const file of afterStop) expect(file.accounted).toBe(file.rows_in);
    expect(waitingFiles().length).toBeGreaterThan(0);

    // The next start loads the rest and rebuilds, then stops again cleanly.
    const second = startService();
    await second.line(/history loaded: the observatory is up to date/, 120_000);
    expect(waitingFiles()).toEqual([]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const afterRestart = await ledger();
    expect(afterRestart.length).toBe(total);
    expect(afterRestart.every((file) => file.status === 'loaded')).toBe(true);
    expect(afterRestart.slice(0, afterStop.length)).toEqual(afterStop);
    expect(existsSync(join(dataDir, 'observatory.duckdb'))).toBe(true);
  }, 180_000);
});
