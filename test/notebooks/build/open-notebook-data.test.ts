import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLake, openWarehouse, type Warehouse } from '../../../pipelines/warehouse/index.js';
import { openNotebookData } from '../../../notebooks/build/open-notebook-data.js';
import { quietLog } from '../notebook-warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'notebook-data-'));
// The small synthetic org table is all the lake path needs from the reference data.
const referenceDir = join(dir, 'reference');
mkdirSync(referenceDir);
cpSync(
  join(import.meta.dirname, '..', '..', '..', 'data', 'reference', 'org.synthetic.csv'),
  join(referenceDir, 'org.synthetic.csv'),
);
const config = {
  dataDir: dir,
  dbPath: join(dir, 'observatory.duckdb'),
  lakeDir: join(dir, 'lake'),
  referenceDir,
};
const count = async (warehouse: { connection: Warehouse['connection'] }, sql: string) =>
  Number((await warehouse.connection.runAndReadAll(sql)).getRows()[0]![0]);
let owner: Warehouse;

beforeAll(async () => {
  owner = await openWarehouse(config.dbPath);
  await owner.connection.run(`INSERT INTO indicator_value VALUES
    ('ae_4h_performance', 'ENG', 'month', TIMESTAMP '2025-05-01', 'total', 'all', 1, 2, 0.5, NULL, NULL),
    ('ae_4h_performance', 'ENG', 'month', TIMESTAMP '2025-06-01', 'total', 'all', 3, 4, 0.75, NULL, NULL)`);
  await exportLake(owner.connection, config.lakeDir, 'all', {
    now: new Date('2025-07-01T00:00:00Z'),
  });
});
afterAll(() => {
  owner.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openNotebookData(config, log)', () => {
  it('reads the lake, never the warehouse file, while another process holds the file', async () => {
    owner.close();
    // DuckDB locks the file against other processes only, so the owner is a child process.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(process.argv[1]); console.log('ready'); setInterval(() => {}, 1000);",
        config.dbPath,
      ],
      { cwd: join(import.meta.dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('ready')) resolve();
        });
        holder.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
      });
      const warnings: string[] = [];
      const data = await openNotebookData(config, { ...quietLog, warn: (m) => warnings.push(m) });
      try {
        expect(data.label).toBe(`Parquet lake ${config.lakeDir}`);
        expect(warnings).toHaveLength(1);
        expect(await count(data, 'SELECT count(*) FROM indicator_value')).toBe(2);
        expect(await count(data, "SELECT count(*) FROM org WHERE org_code = 'XRG'")).toBe(1);
        expect(
          await count(data, "SELECT sum(value) * 100 FROM indicator_value WHERE org_code = 'ENG'"),
        ).toBe(125);
      } finally {
        data.close();
      }
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
      owner = await openWarehouse(config.dbPath);
    }
  }, 30_000);

  it('opens the warehouse file read-only when nobody holds it', async () => {
    owner.close();
    const data = await openNotebookData(config, quietLog);
    try {
      expect(data.label).toMatch(/^warehouse .*observatory\.duckdb \(read-only\)/);
      expect(await count(data, 'SELECT count(*) FROM indicator_value')).toBe(2);
      await expect(data.connection.run('DELETE FROM indicator_value')).rejects.toThrow(
        /read-only/i,
      );
    } finally {
      data.close();
      owner = await openWarehouse(config.dbPath);
    }
  });

  it('says what is missing when there is no snapshot, no free warehouse and no lake', async () => {
    await expect(
      openNotebookData(
        { ...config, dbPath: join(dir, 'none.duckdb'), lakeDir: join(dir, 'no-lake') },
        quietLog,
      ),
    ).rejects.toThrow(/no data for the notebooks/);
  });
});
