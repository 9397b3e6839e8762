import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReportCli } from '../../../pipelines/reports/cli.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (t: string) => (out.stdout += t),
      stderr: (t: string) => (out.stderr += t),
      env,
      fetch: (() =>
        Promise.reject(
          Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
        )) as typeof fetch,
    },
  };
}

describe('runReportCli(args, io)', () => {
  it('prints the usage and exits 2 for an unknown report or command', async () => {
    const a = io();
    expect(await runReportCli(['run', 'yearly'], a.io)).toBe(2);
    expect(a.out.stderr).toMatch(
      /usage: npm run report -- run <daily-brief\|weekly-flow\|monthly-published>/,
    );
    expect(await runReportCli(['send', 'daily-brief'], io().io)).toBe(2);
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    const a = io();
    expect(await runReportCli(['run', 'daily-brief', '--date', '30/06/2025'], a.io)).toBe(2);
    expect(a.out.stderr).toContain('--date must be YYYY-MM-DD');
  });

  it('says so when the service is down and there is no warehouse file yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const a = io({ OBSERVATORY_DATA: dir, PORT: '1' });
    expect(await runReportCli(['run', 'daily-brief'], a.io)).toBe(1);
    expect(a.out.stderr).toContain(`no warehouse at ${join(dir, 'observatory.duckdb')} yet`);
  });
});
