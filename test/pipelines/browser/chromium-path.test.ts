import { accessSync, constants, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumPath } from '../../../pipelines/browser/chromium-path.js';

describe('chromiumPath(env)', () => {
  it('finds the executable chromium on the PATH', () => {
    const path = chromiumPath();
    expect(path).toMatch(/chromium/);
    expect(() => accessSync(path, constants.X_OK)).not.toThrow();
  });

  it('looks on the PATH it is given, not at a fixed place', () => {
    const bin = mkdtempSync(join(tmpdir(), 'chromium-bin-'));
    symlinkSync(chromiumPath(), join(bin, 'chromium'));
    expect(chromiumPath({ PATH: bin })).toBe(join(bin, 'chromium'));
  });

  it('takes CHROMIUM_PATH when set', () => {
    const path = chromiumPath();
    expect(chromiumPath({ PATH: '', CHROMIUM_PATH: path })).toBe(path);
  });

  it('fails with one line when there is none', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-chromium-'));
    expect(() => chromiumPath({ PATH: empty })).toThrow(/^no Chromium on the PATH: [^\n]+$/);
    expect(() => chromiumPath({ PATH: empty, CHROMIUM_PATH: join(empty, 'chromium') })).toThrow(
      /^no Chromium at CHROMIUM_PATH=[^\n]+$/,
    );
  });
});
