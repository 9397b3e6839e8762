import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../pipelines/config.js';
import { openWarehouse } from '../../../pipelines/warehouse/index.js';
import { ensureLocalAccess } from '../../../server/auth/ensure-local-access.js';
import { runTokenCli } from '../../../server/cli/token.js';
import { createApp } from '../../../server/create-app.js';
import { serveApp, type RunningServer } from '../../../server/serve-app.js';
import { makeTestApp } from '../test-app.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ifo-token-cli-'));
const config = { ...loadConfig({ OBSERVATORY_DATA: dataDir, PORT: '1' }), settings: {} };

async function run(argv: string[], cfg = config) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTokenCli(argv, {
    config: cfg,
    fetch,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date('2024-12-02T10:00:00Z'),
  });
  return { code, out, err };
}

let server: RunningServer | undefined;
afterAll(async () => server?.close());

describe('token CLI on the warehouse file (service not running)', () => {
  it('create prints the token alone; list shows it; revoke ends it', async () => {
    const created = await run([
      'create',
      '--role',
      'analyst',
      '--ics',
      'QOP',
      'QWE',
      '--label',
      'notebook',
    ]);
    expect(created.code).toBe(0);
    expect(created.out).toHaveLength(1);
    expect(created.out[0]).toMatch(/^ifo_[\w-]{43}$/);
    const listed = await run(['list']);
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(/^tok_[0-9a-f]{10}\s+analyst\s+QOP,QWE\s+.*live\s+notebook$/);
    const id = listed.out[0]!.split(/\s+/)[0]!;
    expect((await run(['revoke', id])).code).toBe(0);
    expect((await run(['list'])).out[0]).toContain('revoked');
    expect((await run(['revoke', id])).code).toBe(1);
    const warehouse = await openWarehouse(config.dbPath);
    const hashes = await warehouse.connection.runAndReadAll('SELECT token_hash FROM api_token');
    expect(JSON.stringify(hashes.getRowsJS())).not.toContain(created.out[0]);
    warehouse.close();
  });

  it('refuses --ics with no codes instead of making a token for every ICS', async () => {
    const empty = await run(['create', '--role', 'analyst', '--ics', '--label', 'x']);
    expect(empty.code).toBe(2);
    expect(empty.err.join('\n')).toMatch(/at least one ICS/);
    expect(empty.out).toEqual([]);
  });

  it('refuses bad arguments with usage and exit code 2', async () => {
    expect((await run(['create', '--role', 'emperor'])).code).toBe(2);
    expect((await run(['create', '--role', 'analyst', '--ics', 'qop!'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
  });
});

describe('token CLI through the running service', () => {
  it('uses POST/GET/DELETE /api/tokens with the local admin token', async () => {
    const t = await makeTestApp();
    const secretsDir = join(dataDir, 'svc-secrets');
    await ensureLocalAccess(t.warehouse.connection, secretsDir);
    server = await serveApp(createApp(t.deps), { host: '127.0.0.1', port: 0 });
    const cfg = { ...config, dbPath: '/nonexistent/locked.duckdb', secretsDir, port: server.port };
    const created = await run(['create', '--role', 'public', '--label', 'made-by-cli'], cfg);
    expect(created.code).toBe(0);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/orgs`, {
      headers: { authorization: `Bearer ${created.out[0]}` },
    });
    expect(res.status).toBe(200);
    const listed = await run(['list'], cfg);
    const line = listed.out.find((l) => l.endsWith('made-by-cli'))!;
    expect((await run(['revoke', line.split(/\s+/)[0]!], cfg)).code).toBe(0);
    const after = await fetch(`http://127.0.0.1:${server.port}/api/orgs`, {
      headers: { authorization: `Bearer ${created.out[0]}` },
    });
    expect(after.status).toBe(401);
  });
});
