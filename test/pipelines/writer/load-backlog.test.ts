import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../../pipelines/simulate/index.js';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { seedReference } from '../../../pipelines/warehouse/seed-reference.js';
import { createWriter, type BacklogProgress } from '../../../pipelines/writer/index.js';

const quiet = { info() {}, warn() {}, error() {} };
const root = mkdtempSync(join(tmpdir(), 'load-backlog-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writer.loadBacklog', () => {
  it('reports loading, the rebuild and, when done, what the rebuild did stage by stage', async () => {
    const now = new Date('2025-11-04T12:00:00Z');
    const inbox = join(root, 'inbox');
    simulate(
      { days: 1, seed: 'backlog', out: inbox, batch: 'day', start: '2025-11-03' },
      { clock: { now: () => now }, log: quiet },
    );
    const warehouse = await openWarehouse(':memory:');
    await seedReference(warehouse.connection, join(import.meta.dirname, '../../../data/reference'));
    const tmpDir = join(root, 'tmp');
    mkdirSync(tmpDir);
    const writer = await createWriter({
      warehouse,
      log: quiet,
      now: () => now,
      pseudonymKeyHex: '3a'.repeat(32),
      tmpDir,
    });
    try {
      const steps: BacklogProgress[] = [];
      const results = await writer.loadBacklog(inbox, { onProgress: (p) => steps.push(p) });
      expect(results.length).toBeGreaterThan(0);
      const phases = steps.map((p) => p.phase).filter((p, i, all) => all[i - 1] !== p);
      expect(phases).toEqual(['loading', 'rebuilding', 'done']);
      const done = steps[steps.length - 1]!;
      expect(done.filesDone).toBe(results.length);
      expect(done.rebuilt?.indicators.rows).toBeGreaterThan(1000);
      expect(Object.keys(done.rebuilt?.stageMs ?? {})).toEqual([
        'indicators',
        'inequality',
        'live',
        'opel',
        'alerts',
      ]);
      // Nothing new to load: no rebuild, so none reported.
      const again: BacklogProgress[] = [];
      await writer.loadBacklog(join(root, 'empty'), { onProgress: (p) => again.push(p) });
      expect(again.at(-1)?.phase).toBe('done');
      expect(again.at(-1)?.rebuilt).toBeUndefined();
    } finally {
      await writer.close();
      warehouse.close();
    }
  }, 60_000);
});
