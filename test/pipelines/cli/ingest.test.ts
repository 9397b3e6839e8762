import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngestCli, summaryTable } from '../../../pipelines/cli/ingest.js';
import { formatStatus, runStatusCli } from '../../../pipelines/cli/status.js';
import { openWarehouse } from '../../../pipelines/warehouse/open-warehouse.js';
import { testFactSql, testFeed } from '../ingest/test-feed.js';

function refused(): typeof fetch {
  return async () => {
    throw new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
  };
}

function io(env: NodeJS.ProcessEnv, fetchImpl: typeof fetch) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      env,
      fetch: fetchImpl,
      feeds: { ae: testFeed('ae') },
      seedReference: false,
      progressMs: 5,
    },
  };
}

function dataDir() {
  const data = mkdtempSync(join(tmpdir(), 'cli-'));
  mkdirSync(join(data, 'inbox', 'ae'), { recursive: true });
  writeFileSync(
    join(data, 'inbox', 'ae', '01.csv'),
    'id,value,nhs\n1,1,9434765919\n2,x,9434765919\n',
  );
  writeFileSync(join(data, 'inbox', 'ae', '02.csv'), '');
  return data;
}

describe('runIngestCli(argv, io)', () => {
  it('opens the warehouse file when the service is not running, and prints the summary table', async () => {
    const data = dataDir();
    const env = { OBSERVATORY_DATA: data, OBSERVATORY_PSEUDONYM_KEY: '33'.repeat(32), PORT: '1' };
    const warehouse = await openWarehouse(join(data, 'observatory.duckdb'));
    await warehouse.connection.run(testFactSql);
    warehouse.close();
    const run = io(env, refused());
    expect(await runIngestCli([join(data, 'inbox')], run.io)).toBe(1);
    expect(run.err.join('')).toContain('the service is not running');
    const table = run.out.join('');
    expect(table).toMatch(
      /^file\s+feed\s+status\s+rows in\s+loaded\s+quarantined\s+duplicate\s+seconds/,
    );
    expect(table).toMatch(/01\.csv\s+ae\s+loaded\s+2\s+1\s+1\s+0/);
    expect(table).toMatch(/02\.csv\s+ae\s+failed: empty_file/);

    const again = io(env, refused());
    expect(
      await runIngestCli(['--feed', 'ae', join(data, 'inbox', 'ae', '01.csv')], again.io),
    ).toBe(0);
    expect(again.out.join('')).toMatch(/01\.csv\s+ae\s+already loaded/);

    const status = io(env, refused());
    expect(await runStatusCli(status.io)).toBe(0);
    const report = status.out.join('');
    expect(report).toMatch(/ae\s+1\s+1\s+2\s+1\s+1\s+0\s+01\.csv/);
    expect(report).toMatch(/ae\s+02\.csv\s+.*empty_file/);
    expect(report).toMatch(/ae\s+bad_value\s+1/);
  });

  it('goes through the API with the CLI token when the service is up', async () => {
    const data = dataDir();
    mkdirSync(join(data, 'secrets'));
    writeFileSync(join(data, 'secrets', 'cli.token'), 'secret-token\n');
    const calls: Array<{ url: string; method: string; auth: string | null; body: number }> = [];
    const fake: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      const body = init?.body ? (await new Response(init.body).arrayBuffer()).byteLength : 0;
      calls.push({
        url: String(input),
        method: init?.method ?? 'GET',
        auth: headers.get('authorization'),
        body,
      });
      if (init?.method === 'POST') {
        const name = new URL(String(input)).searchParams.get('name')!;
        const result = {
          fileId: 1,
          feed: 'ae',
          fileName: name,
          sha256: 'x',
          status: 'loaded',
          version: 1,
          rowsIn: 2,
          loaded: 2,
          quarantined: 0,
          duplicate: 0,
          seconds: 0.1,
        };
        return new Response(JSON.stringify({ feed: 'ae', name, result }), { status: 201 });
      }
      return new Response('', { status: 200 });
    };
    const run = io({ OBSERVATORY_DATA: data, PORT: '8787', HOST: '127.0.0.1' }, fake);
    expect(await runIngestCli([join(data, 'inbox', 'ae', '01.csv')], run.io)).toBe(0);
    expect(calls).toEqual([
      { url: 'http://127.0.0.1:8787/api/feeds?limit=1', method: 'HEAD', auth: null, body: 0 },
      {
        url: 'http://127.0.0.1:8787/api/ingest/ae?name=01.csv',
        method: 'POST',
        auth: 'Bearer secret-token',
        body: 43,
      },
    ]);
    expect(run.out.join('')).toMatch(/01\.csv\s+ae\s+loaded\s+2\s+2/);
  });

  it('explains bad arguments with exit code 2', async () => {
    const run = io({ OBSERVATORY_DATA: mkdtempSync(join(tmpdir(), 'cli-')) }, refused());
    expect(await runIngestCli([], run.io)).toBe(2);
    expect(await runIngestCli(['--feed', 'nope', '/tmp'], run.io)).toBe(2);
    expect(run.err.join('')).toContain(
      '--feed must be one of ae, adt, sitrep, discharge, ae-monthly, got "nope"',
    );
    expect(await runIngestCli(['/no/such/file.csv'], run.io)).toBe(2);
    expect(run.err.join('')).toContain('no such file or folder: /no/such/file.csv');
  });
});

describe('summaryTable(results) and formatStatus(status)', () => {
  it('totals only loaded files', () => {
    const table = summaryTable([
      {
        fileId: 1n,
        feed: 'ae',
        fileName: 'a',
        sha256: '',
        status: 'loaded',
        version: 1,
        rowsIn: 5,
        loaded: 3,
        quarantined: 1,
        duplicate: 1,
        seconds: 1,
      },
      {
        fileId: 2n,
        feed: 'ae',
        fileName: 'b',
        sha256: '',
        status: 'skipped_duplicate_file',
        version: 1,
        rowsIn: 5,
        loaded: 5,
        quarantined: 0,
        duplicate: 0,
        seconds: 0.01,
      },
    ]);
    expect(table.split('\n').at(-1)).toMatch(/^total \(2 files\)\s+5\s+3\s+1\s+1\s+1\.01$/);
  });

  it('says (none) for empty sections', () => {
    const text = formatStatus({
      data_version: 0,
      feeds: [],
      last_runs: [],
      failed_files: [],
      quarantine_by_reason: [],
    });
    expect(text.match(/\(none\)/g)).toHaveLength(3);
  });
});
