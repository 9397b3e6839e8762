import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../pipelines/simulate/index.js';
import { openWarehouse } from '../../pipelines/warehouse/open-warehouse.js';

const child = join(import.meta.dirname, 'writer-child.ts');
const referenceDir = new URL('../../data/reference', import.meta.url).pathname;

/**
 * A backfill of the real A&E and ADT feeds across a month end: one file per feed and local
 * day (31 March and 1 April), so that a kill can land between files, inside one, or in the
 * refresh or lake export after one.
 */
function writeInbox(dir: string): { files: string[] } {
  simulate(
    {
      days: 1,
      seed: 14,
      out: dir,
      start: '2025-03-31T12:00:00Z',
      referenceDir,
      batch: 'day',
      warmupDays: 0,
    },
    { clock: { now: () => new Date('2025-04-03T00:00:00Z') }, log: silent },
  );
  for (const feed of ['sitrep', 'discharge', 'ae-monthly'])
    rmSync(join(dir, feed), { recursive: true, force: true });
  return { files: ['ae', 'adt'].flatMap((feed) => readdirSync(join(dir, feed)).sort()) };
}

const silent = { info: () => {}, warn: () => {}, error: () => {} };

interface Run {
  /** Lines the child printed. */
  lines: string[];
  killed: boolean;
}

/**
 * Runs the child to the end, or SIGKILLs it as soon as it prints the line `killOn` (a pause
 * point it then never leaves, or a commit it goes on from).
 */
function run(
  dir: string,
  name: string,
  pause = '',
  killOn?: string,
  inbox = 'inbox',
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = [
      join(dir, `${name}.duckdb`),
      join(dir, inbox),
      join(dir, 'tmp'),
      join(dir, `${name}-lake`),
    ];
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args, pause], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        if (line === killOn) proc.kill('SIGKILL');
      }
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lines, killed: true });
      else if (code === 0) resolve({ lines, killed: false });
      else reject(new Error(`writer child exited ${code}: ${stderr}`));
    });
  });
}

/** Columns that carry ids of the run (ledger ids), not content. */
const runIds = new Set(['source_file_id', 'superseded_by_file_id', 'file_id', 'seq']);

/** What a run leaves: ledger, queue, facts, models and the lake read back, keyed by content. */
async function snapshot(dir: string, name: string): Promise<Record<string, unknown>> {
  const warehouse = await openWarehouse(join(dir, `${name}.duckdb`));
  const q = async (sql: string) =>
    (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson();
  // Row count and an order-free fingerprint of every row's content.
  const fingerprint = async (from: string) => {
    const columns = (await q(`DESCRIBE SELECT * FROM ${from}`))
      .map((c) => String(c.column_name))
      .filter((c) => !runIds.has(c));
    const [row] = await q(
      `SELECT count(*) AS rows, bit_xor(hash(row(${columns.map((c) => `"${c}"`).join(', ')}))) AS content FROM ${from}`,
    );
    return row;
  };
  try {
    const lakeDir = join(dir, `${name}-lake`);
    const lake: Record<string, unknown> = {};
    // What the lake should hold: every row of each exported table, as the warehouse has it.
    const lakeSource: Record<string, unknown> = {};
    for (const table of existsSync(lakeDir) ? readdirSync(lakeDir).sort() : []) {
      lakeSource[table] = await fingerprint(table);
      lake[table] = {
        partitions: readdirSync(join(lakeDir, table), { recursive: true })
          .map(String)
          .filter((p) => p.endsWith('.parquet'))
          .sort(),
        rows: await fingerprint(
          `read_parquet('${join(lakeDir, table)}/**/*.parquet', hive_partitioning = false)`,
        ),
      };
    }
    const models: Record<string, unknown> = {};
    for (const table of ['indicator_value', 'inequality_summary', 'live_site', 'live_ward'])
      models[table] = await fingerprint(table);
    // opel_level is a log of assessments, one per refresh: compare the latest per org.
    models.opel_latest = await fingerprint(
      '(SELECT org_code, arg_max(level, assessed_at) AS level, arg_max(score, assessed_at) AS score FROM opel_level GROUP BY org_code)',
    );
    const facts: Record<string, unknown> = {};
    for (const table of [
      'ae_attendance',
      'ae_attendance_history',
      'bed_event',
      'spell',
      'ward_stay',
      'quarantine',
    ])
      facts[table] = await fingerprint(table);
    return {
      ledger: await q(
        `SELECT feed, file_name, sha256, version, status, error_code, rows_in, rows_loaded, rows_quarantined, rows_duplicate
           FROM ingest_file ORDER BY feed, file_name, version`,
      ),
      refresh_queue: await q('SELECT count(*) AS n FROM refresh_queue'),
      lake_queue: await q('SELECT count(*) AS n FROM lake_queue'),
      facts,
      models,
      lake,
      lakeSource,
    };
  } finally {
    warehouse.close();
  }
}

/** After a kill: which files committed, and what the queue holds for them. */
async function afterKill(dir: string, name: string) {
  const warehouse = await openWarehouse(join(dir, `${name}.duckdb`));
  const q = async (sql: string) =>
    (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJS();
  try {
    return {
      committed: (await q('SELECT file_name FROM ingest_file ORDER BY file_id')).map((r) =>
        String(r.file_name),
      ),
      queued: Number((await q('SELECT count(*) AS n FROM refresh_queue'))[0]!.n),
      // Queue rows always belong to a committed file, and facts to a file in the ledger.
      orphans: await q(
        `SELECT (SELECT count(*) FROM refresh_queue WHERE file_id NOT IN (SELECT file_id FROM ingest_file)) AS queue,
                (SELECT count(*) FROM ae_attendance WHERE source_file_id NOT IN (SELECT file_id FROM ingest_file)) AS ae,
                (SELECT count(*) FROM bed_event WHERE source_file_id NOT IN (SELECT file_id FROM ingest_file)) AS adt`,
      ),
    };
  } finally {
    warehouse.close();
  }
}

/** Every lake table holds exactly the rows of its warehouse table (by count and content). */
function expectLakeFollowsWarehouse(state: Record<string, unknown>): void {
  const lake = state.lake as Record<string, { rows: unknown }>;
  const source = state.lakeSource as Record<string, unknown>;
  expect(Object.keys(lake).length).toBeGreaterThanOrEqual(5);
  for (const table of Object.keys(lake)) expect(lake[table]!.rows, table).toEqual(source[table]);
}

let dir: string;
let files: string[];
let clean: Record<string, unknown>;

/** What must hold after recovery: all of the clean run's state but the ids of the run. */
function recoveredState(state: Record<string, unknown>) {
  return {
    ledger: state.ledger,
    refresh_queue: state.refresh_queue,
    lake_queue: state.lake_queue,
    facts: state.facts,
    models: state.models,
    lake: state.lake,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kill-writer-'));
  ({ files } = writeInbox(join(dir, 'inbox')));
  // A migrated warehouse with the reference data, copied for each run.
  for (const feed of ['ae', 'adt']) mkdirSync(join(dir, 'empty', feed), { recursive: true });
  expect((await run(dir, 'template', '', undefined, 'empty')).lines.at(-1)).toBe('done');
  copyFileSync(join(dir, 'template.duckdb'), join(dir, 'clean.duckdb'));
  const first = await run(dir, 'clean');
  expect(first.lines.at(-1)).toBe('done');
  clean = await snapshot(dir, 'clean');
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the writer killed (SIGKILL) while loading the real A&E and ADT feeds', () => {
  it('leaves a clean run with models refreshed, the queue empty and a lake of every table', () => {
    expect(files).toEqual([
      'ae-20250331.csv',
      'ae-20250401.csv',
      'adt-20250331.hl7',
      'adt-20250401.hl7',
    ]);
    const ledger = clean.ledger as Array<{ status: string; rows_loaded: number }>;
    expect(ledger).toHaveLength(files.length);
    expect(ledger.every((f) => f.status === 'loaded' && f.rows_loaded > 0)).toBe(true);
    expect(clean.refresh_queue).toEqual([{ n: '0' }]);
    expect(clean.lake_queue).toEqual([{ n: '0' }]);
    const models = clean.models as Record<string, { rows: string }>;
    expect(Number(models.indicator_value!.rows)).toBeGreaterThan(100);
    const lake = clean.lake as Record<string, { partitions: string[] }>;
    for (const table of ['ae_attendance', 'bed_event', 'spell', 'ward_stay', 'indicator_value'])
      expect(
        lake[table]?.partitions.some((p) => p.includes('month=2025-04')),
        table,
      ).toBe(true);
    expectLakeFollowsWarehouse(clean);
  });

  const trials: Array<{ what: string; pause?: string; killOn: (files: string[]) => string }> = [
    {
      what: 'inside an A&E file’s transaction, the file before it committed',
      pause: 'load:2',
      killOn: () => 'paused load:2',
    },
    {
      what: 'inside the last file’s transaction (ADT)',
      pause: 'load:last',
      killOn: () => 'paused load:last',
    },
    {
      what: 'with a file’s keys committed to the queue, before their refresh',
      pause: 'refresh-before:1',
      killOn: () => 'paused refresh-before:1',
    },
    {
      what: 'after a refresh committed, before its lake export',
      pause: 'refresh-after:1',
      killOn: () => 'paused refresh-after:1',
    },
    {
      what: 'straight after a commit, with files still to load',
      killOn: (all) => `committed ${all[1]}`,
    },
  ];

  for (const [i, trial] of trials.entries()) {
    it(`recovers to the clean run when killed ${trial.what}`, async () => {
      const name = `trial-${i}`;
      const pause = trial.pause?.replace('last', String(files.length));
      const killOn = trial.killOn(files).replace('last', String(files.length));
      copyFileSync(join(dir, 'template.duckdb'), join(dir, `${name}.duckdb`));
      const killed = await run(dir, name, pause, killOn);
      expect(killed.killed, killed.lines.join('\n')).toBe(true);
      const state = await afterKill(dir, name);
      expect(state.orphans).toEqual([{ queue: 0n, ae: 0n, adt: 0n }]);
      const committed = killed.lines.filter((l) => l.startsWith('committed ')).length;
      if (pause?.startsWith('load:')) {
        // Killed mid-load: exactly the files before it committed, none of the one loading.
        const n = Number(pause.slice('load:'.length));
        expect(state.committed).toEqual(files.slice(0, n - 1));
      } else if (pause?.startsWith('refresh-before')) {
        expect(state.queued).toBeGreaterThan(0);
        expect(state.committed.length).toBeGreaterThan(0);
      } else if (pause?.startsWith('refresh-after')) {
        expect(state.committed.length).toBeGreaterThan(0);
      } else {
        // Killed mid-load: some files in, some still to come.
        expect(state.committed.length).toBeGreaterThanOrEqual(committed);
        expect(state.committed.length).toBeLessThan(files.length);
        expect(committed).toBeGreaterThan(0);
      }
      const again = await run(dir, name);
      expect(again.lines.at(-1)).toBe('done');
      const final = await snapshot(dir, name);
      expectLakeFollowsWarehouse(final);
      expect(recoveredState(final)).toEqual(recoveredState(clean));
      rmSync(join(dir, `${name}.duckdb`), { force: true });
      rmSync(join(dir, `${name}-lake`), { recursive: true, force: true });
    }, 600_000);
  }
});
