import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await makeTestApp({ api: { versionTtlMs: 0, rateLimit: { burst: 1e6, perSecond: 1e6 } } });
  await t.warehouse.connection.run(`INSERT INTO local_authority VALUES
    ('E0699101', 'Northvale City Council', 'QOP'),
    ('E0699102', 'Ashby Moor Council', 'QOP'),
    ('E0699201', 'Eastmere Council', 'QWE')`);
});
afterAll(() => t.warehouse.close());

describe('GET /api/local-authorities', () => {
  it('names every local authority for an unscoped caller, by name', async () => {
    const res = await t.app.request('/api/local-authorities', { headers: t.auth('analyst') });
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as { rows: Array<Record<string, string>> };
    expect(rows.map((r) => [r.la_code, r.la_name])).toEqual([
      ['E0699102', 'Ashby Moor Council'],
      ['E0699201', 'Eastmere Council'],
      ['E0699101', 'Northvale City Council'],
    ]);
  });

  it('gives a scoped caller the local authorities of its own ICS only, in Arrow too', async () => {
    const res = await t.app.request('/api/local-authorities', {
      headers: { ...t.auth('analyst_qop'), accept: 'application/vnd.apache.arrow.stream' },
    });
    expect(res.status).toBe(200);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.getChild('la_name')!.toArray()).toEqual([
      'Ashby Moor Council',
      'Northvale City Council',
    ]);
  });
});
