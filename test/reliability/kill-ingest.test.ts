import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWarehouse } from '../../pipelines/warehouse/open-warehouse.js';

const child = join(import.meta.dirname, 'ingest-child.ts');
const trials = 10;

/** Seeded PRNG (mulberry32), so a failing trial can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nhs = ['9434765919', '4010232137', '0000000000', '9434765918' /* bad check digit */];

/** A fixture inbox: corrections across files, duplicates, bad rows, an empty file, a re-delivery. */
function writeInbox(dir: string): void {
  const next = random(7);
  for (const feed of ['ae', 'sitrep']) {
    mkdirSync(join(dir, feed), { recursive: true });
    for (let f = 0; f < 3; f++) {
      const lines = ['id,value,nhs'];
      for (let i = 0; i < 1500; i++) {
        const id = Math.floor(next() * 3000);
        const value = next() < 0.02 ? 'x' : String(Math.floor(next() * 100));
        lines.push(`${id},${value},${nhs[Math.floor(next() * nhs.length)]}`);
      }
      writeFileSync(join(dir, feed, `${feed}-${f}.csv`), `${lines.join('\n')}\n`);
    }
  }
  writeFileSync(join(dir, 'ae', 'ae-2b-empty.csv'), '');
  cpSync(join(dir, 'ae', 'ae-1.csv'), join(dir, 'ae', 'ae-3b-redelivered.csv'));
}

/** Runs the ingest child to the end, or SIGKILLs it `killAfterReadyMs` after it opened the warehouse. */
function run(
  args: string[],
  killAfterReadyMs?: number,
): Promise<{ killed: boolean; workMs: number }> {
  return new Promise((resolve, reject) => {
    let readyAt = Date.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('ready')) return;
      readyAt = Date.now();
      if (killAfterReadyMs !== undefined) setTimeout(() => proc.kill('SIGKILL'), killAfterReadyMs);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, workMs: Date.now() - readyAt });
      else if (code === 0) resolve({ killed: false, workMs: Date.now() - readyAt });
      else reject(new Error(`ingest child exited ${code}: ${stderr}`));
    });
  });
}

/** Every table the engine writes, keyed by what is stable across runs (names, not ids). */
async function snapshot(dbPath: string): Promise<Record<string, unknown>> {
  const warehouse = await openWarehouse(dbPath);
  const q = async (sql: string) =>
    (await warehouse.connection.runAndReadAll(sql)).getRowObjectsJson();
  try {
    return {
      ledger:
        await q(`SELECT feed, file_name, sha256, version, status, error_code, rows_in, rows_loaded, rows_quarantined, rows_duplicate
                         FROM ingest_file ORDER BY feed, file_name, version`),
      facts: await q(
        `SELECT f.id, f.value, f.patient_id, i.file_name FROM test_fact f JOIN ingest_file i ON i.file_id = f.source_file_id ORDER BY f.id`,
      ),
      quarantine:
        await q(`SELECT i.file_name, q.feed, q.line_number, q.reason_code, q.raw_text FROM quarantine q
                             JOIN ingest_file i USING (file_id) ORDER BY ALL`),
      orphans: await q(
        'SELECT count(*) AS n FROM quarantine WHERE file_id NOT IN (SELECT file_id FROM ingest_file)',
      ),
      data_version: await q('SELECT version FROM data_version'),
    };
  } finally {
    warehouse.close();
  }
}

function restoreInbox(inbox: string): void {
  for (const outcome of ['.done', '.failed']) {
    for (const feed of ['ae', 'sitrep']) {
      const dir = join(inbox, outcome, feed);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)) {
        renameSync(join(dir, name), join(inbox, feed, name));
      }
    }
  }
}

describe('the ingest process killed at random points (SIGKILL)', () => {
  it(
    `recovers to the clean single-pass warehouse in ${trials} seeded trials; re-delivery changes nothing`,
    { timeout: 600_000 },
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'reliability-'));
      const fixture = join(root, 'fixture');
      writeInbox(fixture);

      const cleanInbox = join(root, 'clean-inbox');
      cpSync(fixture, cleanInbox, { recursive: true });
      const cleanDb = join(root, 'clean.duckdb');
      const cleanMs = (await run([cleanDb, cleanInbox, join(root, 'tmp')])).workMs;
      const clean = await snapshot(cleanDb);
      const ledger = clean.ledger as Array<{
        file_name: string;
        status: string;
        error_code: string | null;
      }>;
      expect(ledger).toHaveLength(7);
      expect(ledger.find((f) => f.file_name === 'ae-2b-empty.csv')).toMatchObject({
        status: 'failed',
        error_code: 'empty_file',
      });
      expect(ledger.filter((f) => f.status === 'loaded')).toHaveLength(6);
      expect(readdirSync(join(cleanInbox, '.done', 'ae'))).toContain('ae-3b-redelivered.csv');

      const next = random(20251125);
      let kills = 0;
      for (let trial = 0; trial < trials; trial++) {
        const inbox = join(root, `inbox-${trial}`);
        const db = join(root, `trial-${trial}.duckdb`);
        cpSync(fixture, inbox, { recursive: true });
        const killAt = Math.floor(next() * cleanMs);
        const first = await run([db, inbox, join(root, 'tmp')], killAt);
        if (first.killed) kills++;
        await run([db, inbox, join(root, 'tmp')]);
        expect(await snapshot(db), `trial ${trial}, killed ${killAt} ms after ready`).toEqual(
          clean,
        );
        if (trial > 0) {
          rmSync(inbox, { recursive: true, force: true });
          rmSync(db, { force: true });
        }
      }
      expect(kills).toBeGreaterThanOrEqual(trials / 2);

      restoreInbox(join(root, 'inbox-0'));
      await run([join(root, 'trial-0.duckdb'), join(root, 'inbox-0'), join(root, 'tmp')]);
      expect(await snapshot(join(root, 'trial-0.duckdb'))).toEqual(clean);
      rmSync(root, { recursive: true, force: true });
    },
  );
});
