import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const out = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** `npm run simulate -- ARGS` as a process. */
const simulate = (args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'pipelines/simulate/cli.ts', ...args], {
    cwd: root,
  });

const tree = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('npm run simulate (pipelines/simulate/cli.ts)', () => {
  it('writes one folder per feed and the same bytes for the same seed and start', async () => {
    const args = ['--days', '1', '--seed', '7', '--start', '2025-03-01'];
    const first = await simulate([...args, '--out', join(out, 'a')]);
    await simulate([...args, '--out', join(out, 'b')]);
    const files = tree(join(out, 'a'));
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(
      new Set(['adt', 'ae', 'ae-monthly', 'discharge', 'sitrep']),
    );
    const wrote = /wrote (\d+) files/.exec(first.stderr);
    expect(Number(wrote?.[1])).toBe(files.length);
    expect(tree(join(out, 'b'))).toEqual(files);
    for (const file of files)
      expect(
        readFileSync(join(out, 'b', file)).equals(readFileSync(join(out, 'a', file))),
        file,
      ).toBe(true);
    expect(files.some((f) => f.startsWith('ae/') && f.includes('20250301'))).toBe(true);
  });

  it('exits 2 with the problem and the usage for a bad option', async () => {
    await expect(simulate(['--days', 'x'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^--days must be a whole number ≥ 0, got x\nusage: npm run simulate/,
      ),
    });
  });
});
