import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';

const child = join(import.meta.dirname, 'open-and-die.ts');
const dir = mkdtempSync(join(tmpdir(), 'reopen-after-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openAndDie(dbPath: string): Promise<{ signal: string | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dbPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => resolve({ signal, stdout }));
  });
}

describe('a warehouse file whose process died right after it was created and migrated', () => {
  it('opens again with every table (the schema changes are not left to WAL replay)', async () => {
    const dbPath = join(dir, 'observatory.duckdb');
    const died = await openAndDie(dbPath);
    expect(died).toEqual({ signal: 'SIGKILL', stdout: 'open\n' });

    const warehouse = await openWarehouse(dbPath);
    try {
      const reader = await warehouse.connection.runAndReadAll(
        "SELECT count(*)::INTEGER AS n FROM duckdb_columns() WHERE table_name = 'audit_log'",
      );
      expect(Number(reader.getRowObjectsJS()[0]!.n)).toBeGreaterThan(5);
    } finally {
      warehouse.close();
    }
  });
});
